package org.twisted4j.defer;

import org.jspecify.annotations.Nullable;

/**
 * A step on a {@link Deferred}'s callback path: takes the result so far and returns the next one.
 *
 * <p>What it returns decides where the chain goes: a value continues the callback path; a {@link Failure}
 * or a thrown exception moves to the errback path; a {@link Deferred} pauses the chain until that Deferred
 * fires, and its result (or failure) continues the chain.
 *
 * @param <T> the result it takes
 * @param <R> the result it returns
 */
@FunctionalInterface
public interface Callback<T extends @Nullable Object, R extends @Nullable Object> {
    /**
     * Computes the next result of the chain.
     *
     * @param result the current result
     * @return the next result
     * @throws Exception any error, which moves the chain to its errback path
     */
    R apply(T result) throws Exception;
}
