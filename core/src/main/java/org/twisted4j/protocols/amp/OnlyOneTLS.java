package org.twisted4j.protocols.amp;

/**
 * A connection already running TLS was asked to start it again, as Twisted's {@code amp.OnlyOneTLS}: a caller's
 * second {@link StartTLS} fails with it at once, and a responder answers a peer's with code
 * {@value StartTLS#TLS_ERROR_CODE}, which {@link StartTLS#COMMAND} reads back as this error.
 *
 * <p>Immutable; any thread.
 */
public final class OnlyOneTLS extends AmpError {
    private static final long serialVersionUID = 1L;

    /** One with {@code message}. */
    public OnlyOneTLS(String message) {
        super(message);
    }
}
