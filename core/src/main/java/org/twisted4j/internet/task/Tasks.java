package org.twisted4j.internet.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * Scheduling helpers that return {@link Deferred}s, as the functions of Twisted's
 * {@code twisted.internet.task}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Deferred<String> greeting = Tasks.deferLater(reactor, 1.5, () -> "hello");
 * greeting.addCallback(text -> { System.out.println(text); return null; });
 * greeting.cancel();   // before 1.5 s: the call never runs, and greeting fails with CancelledError
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the {@link ReactorTime} given.
 */
public final class Tasks {

    private Tasks() {
    }

    /**
     * Calls {@code callable} after {@code delay} seconds on {@code clock} and fires the returned Deferred
     * with its result, or fails it with what it throws. (For a callable that returns a Deferred, use
     * {@link #deferLaterDeferred}.)
     *
     * <p>Cancelling the returned Deferred before the delay is up cancels the scheduled call, so
     * {@code callable} never runs, and fails the Deferred with {@link CancelledError}.
     *
     * @param <T> the type of the callable's result
     * @param clock the reactor (or {@link Clock}) that times the call
     * @param delay seconds to wait
     * @param callable what to call
     * @return a Deferred of the callable's result
     * @throws IllegalArgumentException if {@code delay} is negative or not a number
     */
    public static <T extends @Nullable Object> Deferred<T> deferLater(
            ReactorTime clock, double delay, Callable<? extends T> callable) {
        Objects.requireNonNull(callable, "callable");
        return timer(clock, delay).addCallback(ignored -> callable.call());
    }

    /**
     * Calls {@code callable} after {@code delay} seconds on {@code clock} and fires the returned Deferred
     * with the result of the Deferred it returns, once that fires; fails it if either fails or
     * {@code callable} throws. Cancelling the returned Deferred before the delay is up cancels the scheduled
     * call; cancelling it later cancels the Deferred that {@code callable} returned.
     *
     * @param <T> the type of the result of the callable's Deferred
     * @param clock the reactor (or {@link Clock}) that times the call
     * @param delay seconds to wait
     * @param callable what to call
     * @return a Deferred of the result of the callable's Deferred
     * @throws IllegalArgumentException if {@code delay} is negative or not a number
     */
    public static <T extends @Nullable Object> Deferred<T> deferLaterDeferred(
            ReactorTime clock, double delay, Callable<? extends Deferred<? extends T>> callable) {
        Objects.requireNonNull(callable, "callable");
        return timer(clock, delay).addCallbackDeferred(ignored -> callable.call());
    }

    /**
     * Returns a Deferred that fires with null after {@code delay} seconds on {@code clock}; cancelling it
     * first cancels the scheduled call and fails it with {@link CancelledError}.
     *
     * @param clock the reactor (or {@link Clock}) that times the call
     * @param delay seconds to wait
     * @return a Deferred that fires with null
     * @throws IllegalArgumentException if {@code delay} is negative or not a number
     */
    public static Deferred<@Nullable Void> deferLater(ReactorTime clock, double delay) {
        return timer(clock, delay);
    }

    /** Returns a Deferred fired with null by a call {@code delay} from now; cancelling it cancels the call. */
    private static Deferred<@Nullable Void> timer(ReactorTime clock, double delay) {
        DelayedCall[] scheduled = new DelayedCall[1];
        Deferred<@Nullable Void> timer = new Deferred<>(cancelled -> scheduled[0].cancel());
        scheduled[0] = clock.callLater(delay, () -> timer.callback(null));
        return timer;
    }
}
