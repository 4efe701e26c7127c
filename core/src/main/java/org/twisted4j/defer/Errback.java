package org.twisted4j.defer;

import org.jspecify.annotations.Nullable;

/**
 * A step on a {@link Deferred}'s errback path: takes the failure so far and handles it or passes it on.
 *
 * <p>Returning a value moves the chain back to the callback path; throwing (for instance through
 * {@link Failure#trap}) or returning a {@link Failure} keeps it on the errback path; returning a
 * {@link Deferred} pauses the chain until that Deferred fires.
 *
 * @param <R> the result it returns when it recovers
 */
@FunctionalInterface
public interface Errback<R extends @Nullable Object> {
    /**
     * Handles a failure.
     *
     * @param failure the current failure
     * @return the recovered result
     * @throws Exception to keep the chain on its errback path
     */
    R apply(Failure failure) throws Exception;
}
