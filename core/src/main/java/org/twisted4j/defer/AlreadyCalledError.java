package org.twisted4j.defer;

/** Thrown when a {@link Deferred} that has already been fired is fired again, as Twisted's {@code defer.AlreadyCalledError}. */
public final class AlreadyCalledError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened
     */
    public AlreadyCalledError(String message) {
        super(message);
    }
}
