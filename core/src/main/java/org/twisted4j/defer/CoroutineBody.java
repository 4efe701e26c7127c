package org.twisted4j.defer;

import org.jspecify.annotations.Nullable;

/**
 * The straight-line code of a coroutine, run by {@link Coroutine#start}: it may wait for Deferreds with
 * {@link Coroutine#await}, and its return value or thrown exception becomes the outcome of the Deferred that
 * {@code start} returned.
 *
 * @param <T> the result it returns
 */
@FunctionalInterface
public interface CoroutineBody<T extends @Nullable Object> {
    /**
     * Runs the coroutine to its end.
     *
     * @return the result that fires the coroutine's Deferred
     * @throws Exception any error, which fails the coroutine's Deferred with that same exception
     */
    T run() throws Exception;
}
