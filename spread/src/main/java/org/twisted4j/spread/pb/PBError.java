package org.twisted4j.spread.pb;

/**
 * An error a remote method throws on purpose, to send its message to the caller without logging a stack
 * trace here: Twisted's {@code pb.Error}. Other exceptions thrown by remote methods are logged, then sent too.
 */
public class PBError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what the caller is told
     */
    public PBError(String message) {
        super(message);
    }
}
