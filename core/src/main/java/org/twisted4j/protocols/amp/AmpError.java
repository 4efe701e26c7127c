package org.twisted4j.protocols.amp;

/**
 * The base of every AMP error, as Twisted's {@code amp.AmpError}.
 *
 * <p>Immutable; any thread.
 */
public class AmpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with {@code message}. */
    public AmpError(String message) {
        super(message);
    }
}
