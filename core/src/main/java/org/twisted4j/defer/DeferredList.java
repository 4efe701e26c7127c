package org.twisted4j.defer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.logger.Logger;

/**
 * Waits for several Deferreds and reports all their outcomes at once, as Twisted's {@code DeferredList}.
 *
 * <h2>Using it</h2>
 * {@link #of} returns a Deferred that fires, once every given Deferred has fired, with one {@link Result}
 * per Deferred, in the order given (not the order they fired in); a failure does not fail the list, it is
 * a {@code Result} with {@code succeeded() == false}:
 * <pre>{@code
 * DeferredList.of(List.of(fetch(a), fetch(b))).addCallback(results -> {
 *     for (DeferredList.Result<Page> r : results) {
 *         if (r.succeeded()) show(r.value()); else log(r.failure());
 *     }
 *     return null;
 * });
 * }</pre>
 * {@link #builder} sets Twisted's options:
 * <ul>
 * <li>{@link Builder#fireOnOneCallback()}: fire at the first success with a {@link FirstSuccess} (its value
 *     and index); if every Deferred fails, fire with {@link AllFailed}. With no Deferreds it never fires.
 * <li>{@link Builder#fireOnOneErrback()}: fail at the first failure with a {@link FirstError} (the failure
 *     and its index). {@link Deferred#gatherResults} is this, mapped to the values.
 * <li>{@link Builder#consumeErrors()}: a failure of a given Deferred, once recorded, is replaced on that
 *     Deferred's own chain by a null result, so it is not reported as an unhandled error and its later
 *     errbacks do not see it. Without it, the failure carries on down that Deferred's chain.
 * </ul>
 * With no Deferreds and without {@code fireOnOneCallback}, the list fires at once with an empty list.
 *
 * <h2>How it watches the Deferreds</h2>
 * It appends a callback and an errback to each given Deferred; they record the result and pass it on
 * unchanged (a failure becomes null with {@code consumeErrors}). So steps added to a Deferred before the
 * list is built change what the list sees, and steps added after see what the list passed on. Deferreds
 * that have already fired are recorded at once, while the list is built.
 *
 * <h2>Cancellation</h2>
 * Cancelling the returned Deferred before it fires cancels every given Deferred, in order; an exception
 * from one of their cancellers is logged and does not stop the others. The list then fires with what that
 * produced (normally their {@link CancelledError} failures). If it still has not fired — a given Deferred
 * whose cancellation did not fire it — it fails with {@link CancelledError}, where Twisted's would wait.
 * Cancelling after it fired does nothing to the given Deferreds.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the Deferreds it watches: build it, fire them and use its result on the same
 * thread.
 *
 * @param <T> the type of the given Deferreds' results
 */
public final class DeferredList<T extends @Nullable Object> {
    private static final Logger LOG = new Logger(DeferredList.class.getName());

    private final List<Deferred<? extends T>> deferreds;
    private final boolean fireOnOneCallback;
    private final boolean fireOnOneErrback;
    private final boolean consumeErrors;
    private final @Nullable Result<T>[] results;
    private final Deferred<Object> fired;
    private int finished;

    @SuppressWarnings("unchecked")
    private DeferredList(Builder<T, ?> options) {
        this.deferreds = options.deferreds;
        this.fireOnOneCallback = options.fireOnOneCallback;
        this.fireOnOneErrback = options.fireOnOneErrback;
        this.consumeErrors = options.consumeErrors;
        this.results = (Result<T>[]) new Result<?>[deferreds.size()];
        this.fired = new Deferred<>(ignored -> cancelAll());
    }

    /**
     * Returns a Deferred that fires with every outcome of {@code deferreds}, in their order, once all have
     * fired; the same as {@code builder(deferreds).build()}.
     *
     * @param deferreds the Deferreds to wait for; the iterable is copied, so later changes to it are ignored
     * @return a Deferred of one {@link Result} per given Deferred
     */
    public static <T extends @Nullable Object> Deferred<List<Result<T>>> of(
            Iterable<? extends Deferred<? extends T>> deferreds) {
        return builder(deferreds).build();
    }

    /**
     * Starts building a DeferredList over {@code deferreds}, to set options.
     *
     * @param deferreds the Deferreds to wait for; the iterable is copied when this is called
     * @return a builder with every option off
     */
    public static <T extends @Nullable Object> Builder<T, List<Result<T>>> builder(
            Iterable<? extends Deferred<? extends T>> deferreds) {
        return new Builder<>(deferreds);
    }

    /** Twisted's {@code gatherResults}: fails with the first {@link FirstError}, else fires with the values. */
    static <T extends @Nullable Object> Deferred<List<T>> gather(
            Iterable<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        Builder<T, List<Result<T>>> builder = builder(deferreds).fireOnOneErrback();
        if (consumeErrors) {
            builder.consumeErrors();
        }
        return builder.build().addCallback(results -> {
            List<T> values = new ArrayList<>(results.size());
            for (Result<T> result : results) {
                values.add(result.value());
            }
            return Collections.unmodifiableList(values);
        });
    }

    @SuppressWarnings("unchecked")
    private <R> Deferred<R> start() {
        if (deferreds.isEmpty() && !fireOnOneCallback) {
            fired.callback(List.of());
        }
        for (int index = 0; index < deferreds.size(); index++) {
            watch(deferreds.get(index), index);
        }
        return (Deferred<R>) fired;
    }

    private <U extends T> void watch(Deferred<U> deferred, int index) {
        deferred.<@Nullable Object>addCallbacks(value -> {
            record(index, Result.success(value));
            return value;
        }, failure -> {
            record(index, Result.failed(failure));
            return consumeErrors ? null : failure;
        });
    }

    private void record(int index, Result<T> result) {
        results[index] = result;
        finished++;
        if (fired.isCalled()) {
            return;
        }
        Failure failure = result.failure();
        if (failure == null && fireOnOneCallback) {
            fired.callback(new FirstSuccess<>(result.value(), index));
        } else if (failure != null && fireOnOneErrback) {
            fired.errback(new FirstError(failure, index));
        } else if (finished == results.length) {
            fired.callback(fireOnOneCallback ? new AllFailed<T>(failures()) : List.of(results));
        }
    }

    private List<Failure> failures() {
        List<Failure> failures = new ArrayList<>(results.length);
        for (Result<T> result : results) {
            failures.add(Objects.requireNonNull(Objects.requireNonNull(result).failure()));
        }
        return failures;
    }

    private void cancelAll() {
        for (Deferred<?> deferred : deferreds) {
            try {
                deferred.cancel();
            } catch (Exception e) {
                LOG.failure("Exception raised from a canceller while cancelling a DeferredList", new Failure(e));
            }
        }
    }

    /**
     * Sets the options of a DeferredList, then {@linkplain #build builds} it. Every option is off unless set.
     *
     * <p>Threading: one thread, the one that builds.
     *
     * @param <T> the type of the given Deferreds' results
     * @param <R> the type of the result of the built Deferred, which {@link #fireOnOneCallback} changes
     */
    public static final class Builder<T extends @Nullable Object, R> {
        private final List<Deferred<? extends T>> deferreds;
        private boolean fireOnOneCallback;
        private boolean fireOnOneErrback;
        private boolean consumeErrors;

        private Builder(Iterable<? extends Deferred<? extends T>> deferreds) {
            List<Deferred<? extends T>> copy = new ArrayList<>();
            for (Deferred<? extends T> deferred : deferreds) {
                copy.add(Objects.requireNonNull(deferred, "deferred"));
            }
            this.deferreds = List.copyOf(copy);
        }

        /**
         * Makes the list fire at the first success, with a {@link FirstSuccess}; if none succeeds, with
         * {@link AllFailed} once all have failed; if there are no Deferreds, never.
         *
         * @return this builder, now building a Deferred of a {@link FirstResult}
         */
        @SuppressWarnings("unchecked")
        public Builder<T, FirstResult<T>> fireOnOneCallback() {
            fireOnOneCallback = true;
            return (Builder<T, FirstResult<T>>) this;
        }

        /**
         * Makes the list fail at the first failure, with a {@link FirstError}.
         *
         * @return this builder
         */
        public Builder<T, R> fireOnOneErrback() {
            fireOnOneErrback = true;
            return this;
        }

        /**
         * Makes the list replace each failure it records with a null result on the failed Deferred's own
         * chain, so that the failure is not reported as unhandled there.
         *
         * @return this builder
         */
        public Builder<T, R> consumeErrors() {
            consumeErrors = true;
            return this;
        }

        /**
         * Starts watching the Deferreds and returns the Deferred that reports their outcomes. Callbacks and
         * errbacks of Deferreds that have already fired run now. Each call builds a separate list.
         *
         * @return a Deferred that fires as the options say; cancelling it cancels the given Deferreds
         */
        public Deferred<R> build() {
            return new DeferredList<>(this).start();
        }
    }

    /**
     * The outcome of one Deferred of a list: its value, or its failure.
     *
     * @param succeeded whether the Deferred fired with a value
     * @param value the value, when it succeeded (may itself be null); null when it failed
     * @param failure the failure, when it failed; null when it succeeded
     * @param <T> the type of the value
     */
    public record Result<T extends @Nullable Object>(boolean succeeded, @Nullable T value, @Nullable Failure failure) {
        /**
         * Checks that exactly one of value and failure applies.
         *
         * @throws IllegalArgumentException if {@code succeeded} and a failure is given, or not
         *     {@code succeeded} and no failure is given or a non-null value is
         */
        public Result {
            if (succeeded ? failure != null : failure == null || value != null) {
                throw new IllegalArgumentException("a Result holds either a value or a failure");
            }
        }

        /** Returns the outcome of a Deferred that fired with {@code value}. */
        public static <T extends @Nullable Object> Result<T> success(@Nullable T value) {
            return new Result<>(true, value, null);
        }

        /** Returns the outcome of a Deferred that failed with {@code failure}. */
        public static <T extends @Nullable Object> Result<T> failed(Failure failure) {
            return new Result<>(false, null, Objects.requireNonNull(failure, "failure"));
        }
    }

    /**
     * What a list built with {@link Builder#fireOnOneCallback()} fires with: the first success, or, when
     * every Deferred failed, all the failures. Use a {@code switch} over its two kinds.
     *
     * @param <T> the type of the given Deferreds' results
     */
    public sealed interface FirstResult<T extends @Nullable Object> permits FirstSuccess, AllFailed {
    }

    /**
     * The first Deferred of a list to succeed: its value and its position in the list.
     *
     * @param value the value it fired with
     * @param index its position in the list given
     * @param <T> the type of the value
     */
    public record FirstSuccess<T extends @Nullable Object>(@Nullable T value, int index) implements FirstResult<T> {
    }

    /**
     * Every Deferred of a list failed: their failures, in the order the Deferreds were given.
     *
     * @param failures the failures, one per given Deferred
     * @param <T> the type the Deferreds' results would have had
     */
    public record AllFailed<T extends @Nullable Object>(List<Failure> failures) implements FirstResult<T> {
        /** Copies {@code failures}. */
        public AllFailed {
            failures = List.copyOf(failures);
        }
    }
}
