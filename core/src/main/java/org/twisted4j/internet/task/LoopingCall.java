package org.twisted4j.internet.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * Calls a function every {@code interval} seconds on a {@link ReactorTime}, as Twisted's
 * {@code twisted.internet.task.LoopingCall}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * LoopingCall heartbeat = new LoopingCall(reactor, () -> connection.write(PING));
 * heartbeat.start(30, true)                       // call now, then every 30 s
 *     .addErrback(failure -> { log.failure("heartbeat died", failure); return null; });
 * ...
 * heartbeat.stop();                               // fires start()'s Deferred with the LoopingCall
 * }</pre>
 *
 * <h2>Timing</h2>
 * Calls are aligned to the time {@link #start} was called: the function runs at {@code start + k * interval}.
 * If a call comes late, or runs long, so that one or more of those times has already passed, the missed
 * times are skipped, not made up: the next call is at the next multiple still in the future. A function
 * that needs to know how many intervals went by since its last call uses {@link #withCount}. An interval of
 * zero runs the function once per turn of the reactor (through {@code callLater(0, ...)}); on a
 * {@link Clock}, where zero-delay calls run within the same {@code advance}, such a loop keeps running until
 * it is stopped.
 *
 * <h2>Deferreds</h2>
 * If the function returns a {@link Deferred}, the next call is not scheduled until it fires; the interval
 * is then counted from the original start time, as above. Its result is ignored.
 *
 * <h2>Failures</h2>
 * If the function throws, or the Deferred it returns fails, the loop stops and the Deferred returned by
 * {@link #start} fails with that error.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the {@link ReactorTime} it runs on.
 */
public final class LoopingCall {

    private final ReactorTime clock;
    private Callable<?> function;
    private @Nullable DelayedCall call;
    private boolean running;
    private @Nullable Deferred<LoopingCall> deferred;
    private double interval = Double.NaN;
    private boolean runAtStart;
    private double startTime = Double.NaN;
    private double lastCountedTime = Double.NaN;

    /**
     * Creates a looping call of {@code function} on {@code clock}; nothing runs until {@link #start}.
     *
     * @param clock the reactor (or {@link Clock}) that times the calls
     * @param function what to call each interval
     */
    public LoopingCall(ReactorTime clock, Runnable function) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.function = Executors.callable(Objects.requireNonNull(function, "function"));
    }

    /**
     * Creates a looping call of {@code function} on {@code clock}; nothing runs until {@link #start}. When
     * {@code function} returns a {@link Deferred}, the loop waits for it to fire before scheduling the next
     * call; it may also return null, to go on at once.
     *
     * @param clock the reactor (or {@link Clock}) that times the calls
     * @param function what to call each interval; it may throw, which stops the loop
     */
    public LoopingCall(ReactorTime clock, Callable<? extends @Nullable Deferred<?>> function) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * Creates a looping call that tells {@code function} how many intervals have elapsed since it was last
     * called: normally 1, more when calls were missed because the reactor was busy, the previous call ran
     * long, or a Deferred it returned took more than an interval to fire. Missed calls are counted, not
     * replayed. With an interval of zero the count is always 1. The function is never called with 0.
     *
     * @param clock the reactor (or {@link Clock}) that times the calls
     * @param function receives the count
     * @return the looping call, not started
     */
    public static LoopingCall withCount(ReactorTime clock, IntConsumer function) {
        Objects.requireNonNull(function, "function");
        return withCountDeferred(clock, count -> {
            function.accept(count);
            return null;
        });
    }

    /**
     * Creates a looping call as {@link #withCount(ReactorTime, IntConsumer)} whose function may return a
     * {@link Deferred}, which the loop waits for before scheduling the next call; or null, to go on at once.
     *
     * @param clock the reactor (or {@link Clock}) that times the calls
     * @param function receives the count
     * @return the looping call, not started
     */
    public static LoopingCall withCountDeferred(
            ReactorTime clock, IntFunction<? extends @Nullable Deferred<?>> function) {
        Objects.requireNonNull(function, "function");
        LoopingCall loop = new LoopingCall(clock, () -> { });
        loop.function = () -> loop.countAndCall(function);
        return loop;
    }

    /**
     * Starts calling the function every {@code interval} seconds.
     *
     * @param interval seconds between calls; zero means once per turn of the reactor
     * @param now whether to make the first call right away, inside this method, rather than after the
     *     first interval
     * @return a Deferred fired with this looping call when {@link #stop} is called, or failed with the
     *     error that stopped the loop; it may already have failed if the first call failed
     * @throws IllegalStateException if this looping call is already running
     * @throws IllegalArgumentException if {@code interval} is negative or not a number
     */
    public Deferred<LoopingCall> start(double interval, boolean now) {
        if (running) {
            throw new IllegalStateException("this LoopingCall is already running");
        }
        if (!(interval >= 0)) {
            throw new IllegalArgumentException("interval must be zero or more, not " + interval);
        }
        running = true;
        Deferred<LoopingCall> started = new Deferred<>();
        deferred = started;
        startTime = clock.seconds();
        this.interval = interval;
        runAtStart = now;
        lastCountedTime = Double.NaN;
        if (now) {
            runOnce();
        } else {
            scheduleFrom(startTime);
        }
        return started;
    }

    /**
     * Stops the loop: no further call is made. If no call is in progress, the Deferred returned by
     * {@link #start} fires now; otherwise (the function is running, or its Deferred has not fired) it fires
     * when that call finishes.
     *
     * @throws IllegalStateException if this looping call is not running
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("this LoopingCall is not running");
        }
        running = false;
        DelayedCall pending = call;
        if (pending != null) {
            pending.cancel();
            call = null;
            fireStopped();
        }
    }

    /**
     * Skips the next call and restarts the timing from now, as if {@link #start} had just been called
     * without {@code now}. Does nothing while a call is in progress.
     *
     * @throws IllegalStateException if this looping call is not running
     */
    public void reset() {
        if (!running) {
            throw new IllegalStateException("this LoopingCall is not running");
        }
        DelayedCall pending = call;
        if (pending != null) {
            pending.cancel();
            call = null;
            startTime = clock.seconds();
            scheduleFrom(startTime);
        }
    }

    /**
     * Returns whether the loop is running: true from {@link #start} until {@link #stop} or a failure. It is
     * false by the time the Deferred returned by {@code start} fires.
     */
    public boolean running() {
        return running;
    }

    /** Returns the interval given to {@link #start}, or NaN if it was never started. */
    public double interval() {
        return interval;
    }

    @Override
    public String toString() {
        return "LoopingCall[interval=" + interval + (running ? ", running" : "") + ", " + function + "]";
    }

    private void runOnce() {
        call = null;
        Deferred<@Nullable Object> result = Deferred.maybeDeferred(function);
        result.addCallback(ignored -> {
            if (running) {
                scheduleFrom(clock.seconds());
            } else {
                fireStopped();
            }
            return null;
        }).addErrback(failure -> {
            running = false;
            fireFailed(failure);
            return null;
        });
    }

    private void fireStopped() {
        Deferred<LoopingCall> d = deferred;
        deferred = null;
        if (d != null) {
            d.callback(this);
        }
    }

    private void fireFailed(Failure failure) {
        Deferred<LoopingCall> d = deferred;
        deferred = null;
        if (d != null) {
            d.errback(failure);
        }
    }

    /** Schedules the next call at the next multiple of the interval after {@code when}, counted from the start. */
    private void scheduleFrom(double when) {
        call = clock.callLater(delayUntilNextInterval(when), this::runOnce);
    }

    private double delayUntilNextInterval(double when) {
        if (interval == 0) {
            return 0;
        }
        double intoInterval = (when - startTime) % interval;
        if (intoInterval < 0) {
            intoInterval += interval;
        }
        double untilNext = interval - intoInterval;
        // When untilNext is too small to change `when`, the current interval is effectively over.
        return when == when + untilNext ? interval : untilNext;
    }

    private @Nullable Object countAndCall(IntFunction<?> countFunction) {
        double now = clock.seconds();
        if (interval == 0) {
            lastCountedTime = now;
            return countFunction.apply(1);
        }
        double lastTime = lastCountedTime;
        if (Double.isNaN(lastTime)) {
            lastTime = runAtStart ? startTime - interval : startTime;
        }
        long count = intervalsAt(now) - intervalsAt(lastTime);
        if (count > 0) {
            lastCountedTime = now;
            return countFunction.apply((int) Math.min(count, Integer.MAX_VALUE));
        }
        return null;
    }

    /** Returns how many whole intervals have passed between the start and {@code time}. */
    private long intervalsAt(double time) {
        return (long) ((time - startTime) / interval);
    }
}
