package org.twisted4j.protocols.amp;

/**
 * The peer answered with an error its command does not declare: code {@code UNKNOWN} (the responder failed in a
 * way it did not declare, and the peer then closes the connection) or a code this side does not know. As
 * Twisted's {@code amp.UnknownRemoteError}.
 *
 * <p>Immutable; any thread.
 */
public final class UnknownRemoteError extends RemoteAmpError {
    private static final long serialVersionUID = 1L;

    /** One with the peer's description (its code is {@value BoxDispatcher#UNKNOWN_ERROR_CODE}). */
    public UnknownRemoteError(String description) {
        super(BoxDispatcher.UNKNOWN_ERROR_CODE, description);
    }
}
