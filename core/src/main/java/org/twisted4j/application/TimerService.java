package org.twisted4j.application;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.LoopingCall;
import org.twisted4j.logger.Logger;

/**
 * A periodic job as a service, as Twisted's {@code TimerService}: while it runs, it calls a function every
 * {@code interval} seconds through a {@link LoopingCall}, the first time as soon as it starts.
 *
 * <pre>{@code
 * new TimerService(reactor, 60, cache::expireOld).setServiceParent(application);
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Timing is {@link LoopingCall}'s: calls at start, start + interval, and so on; missed times are
 *       skipped. A function that returns a {@link Deferred} delays the next call until it fires.</li>
 *   <li>If the function throws (or its Deferred fails), the failure is logged and the calls stop; the
 *       service still counts as running until it is stopped.</li>
 *   <li>{@link #stopService()} stops the calls; its Deferred fires once a call in progress (a Deferred the
 *       function returned) has finished.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TimerService extends AbstractService {
    private static final Logger LOG = Logger.forClass(TimerService.class);

    private final ReactorTime clock;
    private final double interval;
    private final Callable<? extends @Nullable Deferred<?>> function;
    private @Nullable LoopingCall loop;
    private @Nullable Deferred<@Nullable Object> loopFinished;

    /**
     * Creates the service, not started.
     *
     * @param clock the reactor (or a {@code Clock} in tests) that times the calls
     * @param interval seconds between calls; zero means once per turn of the reactor
     * @param function what to call
     * @throws IllegalArgumentException if {@code interval} is negative or not a number
     */
    public TimerService(ReactorTime clock, double interval, Runnable function) {
        this(clock, interval, returningNothing(Objects.requireNonNull(function, "function")));
    }

    /**
     * Creates the service, not started, for a function that may return a {@link Deferred} (or null).
     *
     * @param clock the reactor (or a {@code Clock} in tests) that times the calls
     * @param interval seconds between calls; zero means once per turn of the reactor
     * @param function what to call; the next call waits for a Deferred it returns
     * @throws IllegalArgumentException if {@code interval} is negative or not a number
     */
    public TimerService(ReactorTime clock, double interval, Callable<? extends @Nullable Deferred<?>> function) {
        if (!(interval >= 0)) {
            throw new IllegalArgumentException("interval must be zero or more, not " + interval);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = interval;
        this.function = Objects.requireNonNull(function, "function");
    }

    private static Callable<@Nullable Deferred<?>> returningNothing(Runnable function) {
        return () -> {
            function.run();
            return null;
        };
    }

    /** Returns the seconds between calls. */
    public double interval() {
        return interval;
    }

    /** Returns the clock that times the calls. */
    public ReactorTime clock() {
        return clock;
    }

    /** Marks the service running and makes the first call now; the next come every interval. */
    @Override
    public void startService() {
        super.startService();
        LoopingCall looping = new LoopingCall(clock, function);
        loop = looping;
        loopFinished = looping.start(interval, true).<@Nullable Object>addCallback(stoppedLoop -> null)
                .addErrback(failure -> {
                    LOG.failure("{service} failed; its calls have stopped", failure, "service", this);
                    return null;
                });
    }

    /**
     * Stops the calls.
     *
     * @return fires with null once a call in progress has finished (at once if none is); the service stops
     *     counting as running then
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        LoopingCall looping = loop;
        Deferred<@Nullable Object> finished = loopFinished;
        loop = null;
        loopFinished = null;
        if (looping == null || finished == null) {
            return super.stopService();
        }
        if (looping.running()) {
            looping.stop();
        }
        Deferred<@Nullable Void> stopped = new Deferred<>();
        finished.addBoth(ignored -> {
            setRunning(false);
            stopped.callback(null);
            return null;
        });
        return stopped;
    }
}
