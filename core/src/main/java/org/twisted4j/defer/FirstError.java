package org.twisted4j.defer;

import java.util.Objects;

/**
 * The first failure among several Deferreds, with the position of the Deferred that failed, as Twisted's
 * {@code defer.FirstError}. A {@link DeferredList} built with {@code fireOnOneErrback}, and
 * {@link Deferred#gatherResults}, fail with it:
 * <pre>{@code
 * Deferred.gatherResults(List.of(fetchA(), fetchB())).addErrback(f -> {
 *     FirstError first = (FirstError) f.value();
 *     log("request " + first.index() + " failed: " + first.failure().getErrorMessage());
 *     return List.of();
 * });
 * }</pre>
 * Its {@linkplain #getCause() cause} is the throwable of the wrapped failure.
 *
 * <p>Threading: immutable; any thread may read it.
 */
public final class FirstError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not serialized: a deserialized FirstError keeps only its message, cause and index. */
    private final transient Failure failure;
    private final int index;

    /**
     * Creates the error.
     *
     * @param failure the failure of the Deferred that failed first
     * @param index the position of that Deferred in the list given
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public FirstError(Failure failure, int index) {
        super("FirstError[#" + index + ", " + Objects.requireNonNull(failure, "failure") + "]", failure.value());
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        this.failure = failure;
        this.index = index;
    }

    /** Returns the failure of the Deferred that failed first (Twisted's {@code subFailure}). */
    public Failure failure() {
        return failure;
    }

    /** Returns the position of the Deferred that failed first, in the list given. */
    public int index() {
        return index;
    }
}
