package org.twisted4j.enterprise;

/**
 * The Deferred of a call made while every connection of the pool was busy and its wait queue was full: the
 * call was refused at once rather than left to wait, so that overload shows up as fast failures instead of
 * a growing queue of blocked threads. Raise {@link ConnectionPoolBuilder#waitQueue(int)} or
 * {@link ConnectionPoolBuilder#max(int)}, or shed load.
 */
public final class PoolExhaustedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was full
     */
    public PoolExhaustedError(String message) {
        super(message);
    }
}
