package org.twisted4j.enterprise;

/** The Deferred of a call made after the pool began to close (its service stopped or the reactor shut down). */
public final class PoolClosedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was refused
     */
    public PoolClosedError(String message) {
        super(message);
    }
}
