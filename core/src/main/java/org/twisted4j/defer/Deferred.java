package org.twisted4j.defer;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * A result that is not there yet, with one chain of callbacks and errbacks that process it once it is:
 * Twisted's {@code Deferred}, with its semantics exactly.
 *
 * <h2>How to get one</h2>
 * An operation that cannot answer at once returns a {@code Deferred} and later fires it with
 * {@link #callback} or {@link #errback}. {@link #succeed} and {@link #fail} make one that has already fired;
 * {@link #maybeDeferred} turns any call into one.
 *
 * <h2>The chain</h2>
 * Each {@code addCallbacks(callback, errback)} appends one pair to the chain. When the Deferred fires, the
 * result passes down the chain: while it is a value, each pair's callback runs; while it is a
 * {@link Failure}, each pair's errback runs. A step that throws, or returns a {@code Failure}, switches the
 * chain to the errback path; an errback that returns a value switches it back. A step added after the
 * Deferred fired runs at once, with the result so far.
 * <pre>{@code
 * Deferred<Integer> length = fetchPage(uri)          // Deferred<String>
 *     .addCallback(String::length)
 *     .addErrback(failure -> { failure.trap(IOException.class); return -1; });
 * }</pre>
 * The methods that add steps return this same Deferred, retyped to the type of the new result: keep using
 * the returned reference, not the one you started with.
 *
 * <h2>Chaining Deferreds</h2>
 * A step that returns another Deferred pauses this chain until that Deferred fires; its result or failure
 * then continues this chain ({@link #addCallbackDeferred} types this). Chains of such Deferreds thousands
 * deep are processed in a loop, not by recursion, so they do not overflow the stack.
 *
 * <h2>Cancellation and timeouts</h2>
 * {@link #cancel} asks the operation to stop through the {@link Canceller} given at construction; without
 * one, or if the canceller does not fire the Deferred, it fails with {@link CancelledError}, and a later
 * result from the operation is silently dropped. {@link #addTimeout} cancels after a time on a
 * {@link ReactorTime} and turns the cancellation into a {@link TimeoutError}.
 *
 * <h2>Unhandled errors</h2>
 * A Deferred whose chain ends with a failure still unhandled when it is garbage-collected logs "Unhandled
 * error in Deferred:" with the failure's traceback, in namespace {@code org.twisted4j.defer.Deferred}, as
 * Twisted does. End every chain with an errback that handles or logs what it gets.
 *
 * <h2>Threading</h2>
 * Not thread-safe: a Deferred belongs to one thread, normally the reactor thread, which fires it and adds
 * steps to it. Callbacks run synchronously on the thread that fires the Deferred or that adds a step to a
 * fired one. To fire a Deferred from another thread, go through the reactor's {@code callFromThread}.
 *
 * <h2>Pitfalls</h2>
 * A Deferred fires once: a second {@link #callback} or {@link #errback} throws {@link AlreadyCalledError}.
 * It cannot be fired with another Deferred as its result. Unlike {@code CompletableFuture}, it holds one
 * chain, not a tree: a step's result replaces the result seen by every later step.
 *
 * @param <T> the type of the result at the end of the chain so far
 */
public final class Deferred<T extends @Nullable Object> {
    private static final Cleaner UNHANDLED_ERROR_CLEANER = Cleaner.create();

    /** Marks the absence of a result, as distinct from a null result. */
    private static final Object NO_RESULT = new Object();

    private final ArrayDeque<Step> steps = new ArrayDeque<>(4);
    private @Nullable Canceller<T> canceller;
    private @Nullable Object result = NO_RESULT;
    private boolean called;
    private int paused;
    private boolean runningCallbacks;
    private boolean suppressAlreadyCalled;
    private @Nullable UnhandledFailure unhandled;

    /** Creates a Deferred that has not fired yet and has no canceller. */
    public Deferred() {
        this.canceller = null;
    }

    /**
     * Creates a Deferred that has not fired yet.
     *
     * @param canceller stops the operation behind this Deferred when it is {@linkplain #cancel cancelled}
     */
    public Deferred(Canceller<T> canceller) {
        this.canceller = Objects.requireNonNull(canceller, "canceller");
    }

    /** Returns a Deferred that has already fired with {@code result}. */
    public static <T extends @Nullable Object> Deferred<T> succeed(T result) {
        Deferred<T> d = new Deferred<>();
        d.callback(result);
        return d;
    }

    /** Returns a Deferred that has already failed with {@code error}. */
    public static <T extends @Nullable Object> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** Returns a Deferred that has already failed with {@code failure}. */
    public static <T extends @Nullable Object> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code call} now and returns its outcome as a Deferred, as Twisted's {@code maybeDeferred}: the
     * Deferred it returns, or one fired with the value it returns, or one failed with what it throws.
     */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> Deferred<T> maybeDeferred(Callable<?> call) {
        Object outcome;
        try {
            outcome = call.call();
        } catch (Throwable e) {
            return fail(e);
        }
        if (outcome instanceof Deferred<?> d) {
            return (Deferred<T>) d;
        }
        if (outcome instanceof Failure f) {
            return fail(f);
        }
        return succeed((T) outcome);
    }

    /**
     * Returns a Deferred that fires with the values of {@code deferreds}, in their order, once all have
     * succeeded, or fails with a {@link FirstError} at the first failure, as Twisted's {@code gatherResults}
     * ({@link DeferredList} with {@code fireOnOneErrback}, mapped to the values). Failures stay on the failed
     * Deferreds' own chains; cancelling the returned Deferred cancels every given Deferred.
     *
     * @param deferreds the Deferreds to wait for (reactor thread only, as they are)
     * @return a Deferred of the values, in the order given; with no Deferreds, already fired with an empty list
     */
    public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
            Iterable<? extends Deferred<? extends T>> deferreds) {
        return DeferredList.gather(deferreds, false);
    }

    /**
     * As {@link #gatherResults(Iterable)}; with {@code consumeErrors}, each failure of a given Deferred is
     * replaced by a null result on that Deferred's own chain once recorded, so it is not reported there as
     * unhandled.
     *
     * @param deferreds the Deferreds to wait for
     * @param consumeErrors whether to handle the given Deferreds' failures
     * @return a Deferred of the values, in the order given
     */
    public static <T extends @Nullable Object> Deferred<List<T>> gatherResults(
            Iterable<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        return DeferredList.gather(deferreds, consumeErrors);
    }

    /**
     * Fires this Deferred with a result, running its chain.
     *
     * @param value the result; it may be null, but it may not be a Deferred
     * @throws AlreadyCalledError if this Deferred has already fired (unless it was cancelled without a
     *     canceller that fired it, in which case the late result is dropped)
     * @throws IllegalArgumentException if {@code value} is a Deferred
     */
    public void callback(T value) {
        if (value instanceof Deferred<?>) {
            throw new IllegalArgumentException("a Deferred cannot be fired with another Deferred: chain it");
        }
        start(value);
    }

    /**
     * Fires this Deferred with an error, running its errback path.
     *
     * @param error the error
     * @throws AlreadyCalledError as {@link #callback}
     */
    public void errback(Throwable error) {
        errback(new Failure(error));
    }

    /**
     * Fires this Deferred with a failure, running its errback path. The failure records the stack of this
     * call, to say where the chain was fired.
     *
     * @param failure the failure
     * @throws AlreadyCalledError as {@link #callback}
     */
    public void errback(Failure failure) {
        failure.recordFiredAt(Failure.callerStack());
        start(failure);
    }

    private void start(@Nullable Object value) {
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            throw new AlreadyCalledError("this Deferred has already been fired with " + describe(result));
        }
        called = true;
        result = value;
        runCallbacks();
    }

    /**
     * Appends a callback and an errback to the chain; exactly one of them runs, depending on whether the
     * result reaching this point is a value or a failure.
     *
     * @return this Deferred, typed by the result the pair produces
     */
    public <R extends @Nullable Object> Deferred<R> addCallbacks(
            Callback<? super T, ? extends R> callback, Errback<? extends R> errback) {
        return append(new Step(Objects.requireNonNull(callback, "callback"), Objects.requireNonNull(errback, "errback"), null));
    }

    /**
     * Appends a callback; a failure passes it by.
     *
     * @return this Deferred, typed by the callback's result
     */
    public <R extends @Nullable Object> Deferred<R> addCallback(Callback<? super T, ? extends R> callback) {
        return append(new Step(Objects.requireNonNull(callback, "callback"), null, null));
    }

    /**
     * Appends a callback that returns a Deferred, whose result continues the chain; a failure passes it by.
     *
     * @return this Deferred, typed by the result of the Deferred the callback returns
     */
    public <R extends @Nullable Object> Deferred<R> addCallbackDeferred(
            Callback<? super T, ? extends Deferred<? extends R>> callback) {
        return append(new Step(Objects.requireNonNull(callback, "callback"), null, null));
    }

    /**
     * Appends an errback; a value passes it by.
     *
     * @return this Deferred
     */
    public Deferred<T> addErrback(Errback<? extends T> errback) {
        return append(new Step(null, Objects.requireNonNull(errback, "errback"), null));
    }

    /**
     * Appends an errback that returns a Deferred, whose result continues the chain; a value passes it by.
     *
     * @return this Deferred
     */
    public Deferred<T> addErrbackDeferred(Errback<? extends Deferred<? extends T>> errback) {
        return append(new Step(null, Objects.requireNonNull(errback, "errback"), null));
    }

    /**
     * Appends a step that runs on either path, receiving the result or the {@link Failure}, as Twisted's
     * {@code addBoth}. Returning what it received passes the outcome on unchanged:
     * <pre>{@code d.addBoth(outcome -> { connection.close(); return outcome; });}</pre>
     *
     * @return this Deferred, typed by the step's result
     */
    public <R extends @Nullable Object> Deferred<R> addBoth(Callback<@Nullable Object, ? extends R> step) {
        Objects.requireNonNull(step, "step");
        return append(new Step(step, step::apply, null));
    }

    /**
     * Makes {@code other} fire with this chain's result at this point, as Twisted's {@code chainDeferred}.
     * This chain goes on with a null result (or the same failure, which {@code other} then handles).
     *
     * @param other the Deferred to fire
     * @return this Deferred
     */
    public Deferred<T> chainDeferred(Deferred<? super T> other) {
        @SuppressWarnings("unchecked")
        Deferred<Object> target = (Deferred<Object>) other;
        return addCallbacks(value -> {
            target.callback(value);
            return null;
        }, failure -> {
            target.errback(failure);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private <R extends @Nullable Object> Deferred<R> append(Step step) {
        steps.addLast(step);
        if (called) {
            runCallbacks();
        }
        return (Deferred<R>) this;
    }

    /** Stops the chain from running until {@link #unpause} has been called as many times as this. */
    public void pause() {
        paused++;
    }

    /**
     * Undoes one {@link #pause}; once every pause is undone, the chain runs on with the result it has.
     *
     * @throws IllegalStateException if this Deferred is not paused
     */
    public void unpause() {
        if (paused == 0) {
            throw new IllegalStateException("this Deferred is not paused");
        }
        paused--;
        if (paused == 0 && called) {
            runCallbacks();
        }
    }

    /**
     * Cancels the operation behind this Deferred. If it has not fired, its canceller runs; if that does not
     * fire it, it fails with {@link CancelledError}. If its chain is waiting on another Deferred, that one is
     * cancelled instead. If it has fired and waits on nothing, this does nothing.
     */
    public void cancel() {
        if (!called) {
            Canceller<T> c = canceller;
            if (c != null) {
                c.cancel(this);
            } else {
                suppressAlreadyCalled = true;
            }
            if (!called) {
                errback(new Failure(new CancelledError("the Deferred was cancelled")));
            }
        } else if (result instanceof Deferred<?> waitingOn) {
            waitingOn.cancel();
        }
    }

    /**
     * Cancels this Deferred if it has not fired within {@code seconds} on {@code clock}, and turns that
     * cancellation into a {@link TimeoutError}.
     *
     * @return this Deferred
     */
    public Deferred<T> addTimeout(double seconds, ReactorTime clock) {
        return addTimeout(seconds, clock, (outcome, timeout) -> {
            if (outcome instanceof Failure failure) {
                failure.trap(CancelledError.class);
                throw new TimeoutError(timeout, "Deferred");
            }
            return outcome;
        });
    }

    /**
     * Cancels this Deferred if it has not fired within {@code seconds} on {@code clock}; when that happens,
     * {@code onTimeoutCancel} receives what the cancellation produced (normally a {@link CancelledError}
     * failure) and decides the result.
     *
     * @return this Deferred
     */
    public Deferred<T> addTimeout(double seconds, ReactorTime clock, TimeoutCanceller<T> onTimeoutCancel) {
        boolean[] timedOut = {false};
        DelayedCall timer = clock.callLater(seconds, () -> {
            timedOut[0] = true;
            cancel();
        });
        addBoth(outcome -> {
            if (timer.active()) {
                timer.cancel();
            }
            return timedOut[0] ? onTimeoutCancel.onTimeout(outcome, seconds) : outcome;
        });
        return this;
    }

    /** Returns whether this Deferred has been fired, with a result or a failure. */
    public boolean isCalled() {
        return called;
    }

    /** Returns whether this Deferred's chain is paused, by {@link #pause} or by waiting on another Deferred. */
    public boolean isPaused() {
        return paused > 0;
    }

    @Override
    public String toString() {
        if (!called) {
            return "<Deferred>";
        }
        if (result instanceof Deferred<?>) {
            return "<Deferred waiting on another Deferred>";
        }
        return "<Deferred current result: " + describe(result) + ">";
    }

    private static String describe(@Nullable Object value) {
        return value == NO_RESULT ? "(none)" : String.valueOf(value);
    }

    /**
     * Runs as much of the chain as can run now. Deferreds returned by steps are handled with an explicit
     * stack instead of recursion: when an inner Deferred that this one waits on fires, its result is handed
     * to this one and this one continues in the same loop.
     */
    private void runCallbacks() {
        if (runningCallbacks) {
            return; // the loop already running on this Deferred picks up any new steps
        }
        // Deferreds whose chains wait on the one being run; allocated only when a chain waits on another.
        ArrayList<Deferred<?>> waiting = null;
        Deferred<?> current = this;
        while (current != null) {
            if (current.paused > 0) {
                return;
            }
            Deferred<?> next = current.runSteps();
            if (next != null) {
                if (waiting == null) {
                    waiting = new ArrayList<>(2);
                }
                waiting.add(current);
                current = next;
            } else {
                current.settle();
                current = waiting == null || waiting.isEmpty() ? null : waiting.remove(waiting.size() - 1);
            }
        }
    }

    /**
     * Runs this Deferred's steps until they run out, a step returns a Deferred that has no result yet (this
     * chain then pauses to wait on it), or this Deferred's result is handed to a Deferred that was waiting
     * on it, which is returned so that the caller runs it next.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private @Nullable Deferred<?> runSteps() {
        while (!steps.isEmpty()) {
            Step step = steps.pollFirst();
            if (step.waiter != null) {
                Deferred<?> waiter = step.waiter;
                waiter.result = result;
                result = null;
                waiter.paused--;
                return waiter;
            }
            boolean failed = result instanceof Failure;
            Object fn = failed ? step.errback : step.callback;
            if (fn == null) {
                continue; // passes the result by
            }
            Object produced;
            runningCallbacks = true;
            try {
                produced = failed ? ((Errback) fn).apply((Failure) result) : ((Callback) fn).apply(result);
            } catch (Throwable e) {
                produced = failed && ((Failure) result).value() == e ? result : new Failure(e);
            } finally {
                runningCallbacks = false;
            }
            result = produced;
            if (produced instanceof Deferred<?> inner) {
                if (inner == this) {
                    result = new Failure(new IllegalStateException("a callback returned its own Deferred"));
                } else if (!inner.called || inner.result instanceof Deferred<?> || inner.paused > 0) {
                    paused++;
                    inner.steps.addLast(new Step(null, null, this));
                    return null;
                } else {
                    result = inner.result;
                    inner.result = null;
                    inner.handled();
                }
            }
        }
        return null;
    }

    /** After the chain has run as far as it can: arms or disarms the unhandled-error report. */
    private void settle() {
        if (result instanceof Failure failure) {
            if (unhandled == null) {
                unhandled = new UnhandledFailure();
                UNHANDLED_ERROR_CLEANER.register(this, unhandled);
            }
            unhandled.failure = failure;
        } else {
            handled();
        }
    }

    private void handled() {
        if (unhandled != null) {
            unhandled.failure = null;
        }
    }

    /**
     * One pair on the chain. A null callback or errback lets the result pass by; a step with a waiter is the
     * link that hands this Deferred's result to a Deferred whose chain waits on this one.
     */
    private record Step(@Nullable Callback<?, ?> callback, @Nullable Errback<?> errback, @Nullable Deferred<?> waiter) {
    }

    /** Reports a failure left unhandled when its Deferred is garbage-collected. Holds no reference to it. */
    private static final class UnhandledFailure implements Runnable {
        volatile @Nullable Failure failure;

        @Override
        public void run() {
            Failure f = failure;
            if (f != null) {
                UnhandledErrors.report(f);
            }
        }
    }
}
