package org.twisted4j.spread.pb;

/**
 * The connection closed while a call waited for its answer: Twisted's {@code pb.PBConnectionLost}. The
 * Deferred of every unanswered {@link RemoteReference#callRemote} fails with it.
 */
public final class PBConnectionLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message why the connection ended
     */
    public PBConnectionLost(String message) {
        super(message);
    }
}
