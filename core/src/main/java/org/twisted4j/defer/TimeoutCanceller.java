package org.twisted4j.defer;

import org.jspecify.annotations.Nullable;

/**
 * Decides the result of a {@link Deferred} that {@link Deferred#addTimeout} cancelled, as Twisted's
 * {@code onTimeoutCancel}. The default turns a {@link CancelledError} into a {@link TimeoutError}.
 *
 * @param <T> the Deferred's result type
 */
@FunctionalInterface
public interface TimeoutCanceller<T extends @Nullable Object> {
    /**
     * Decides the result after a timeout.
     *
     * @param outcome what the cancellation produced: a {@link Failure} (normally of a {@link CancelledError})
     *     or, if the Deferred's canceller fired it with one, a value
     * @param timeoutSeconds the timeout that passed
     * @return the result for the chain from here: a value, or a {@link Failure}
     * @throws Exception to continue the chain with that failure
     */
    @Nullable Object onTimeout(@Nullable Object outcome, double timeoutSeconds) throws Exception;
}
