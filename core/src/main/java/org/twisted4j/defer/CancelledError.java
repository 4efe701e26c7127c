package org.twisted4j.defer;

/** Fired into a Deferred's errback path when it is cancelled, as Twisted's {@code defer.CancelledError}. */
public final class CancelledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened
     */
    public CancelledError(String message) {
        super(message);
    }
}
