package org.twisted4j.spread.pb;

/**
 * A call through a {@link RemoteReference} whose broker has already lost its connection: Twisted's
 * {@code pb.DeadReferenceError}. {@link RemoteReference#callRemote} returns a Deferred failed with it.
 */
public final class DeadReferenceError extends ProtocolError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was called
     */
    public DeadReferenceError(String message) {
        super(message);
    }
}
