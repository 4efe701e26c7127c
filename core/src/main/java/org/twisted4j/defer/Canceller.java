package org.twisted4j.defer;

import org.jspecify.annotations.Nullable;

/**
 * Stops the operation behind a {@link Deferred} when the Deferred is cancelled, as the canceller given to
 * Twisted's {@code Deferred(canceller)}. It may fire the Deferred itself, with a result or a failure of
 * its choice; if it does not, the Deferred fails with a {@link CancelledError}.
 *
 * @param <T> the Deferred's result type
 */
@FunctionalInterface
public interface Canceller<T extends @Nullable Object> {
    /**
     * Stops the operation.
     *
     * @param deferred the Deferred being cancelled
     */
    void cancel(Deferred<T> deferred);
}
