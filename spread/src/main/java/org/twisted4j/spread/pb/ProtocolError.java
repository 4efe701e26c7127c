package org.twisted4j.spread.pb;

/**
 * The peer broke the Perspective Broker protocol, or a reference was used against it: Twisted's
 * {@code pb.ProtocolError}.
 */
public class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong
     */
    public ProtocolError(String message) {
        super(message);
    }
}
