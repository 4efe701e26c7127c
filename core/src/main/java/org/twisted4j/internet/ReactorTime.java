package org.twisted4j.internet;

import java.time.Duration;
import java.util.List;

/**
 * The time-keeping part of a reactor: scheduling a call for later and reading the reactor's clock, as
 * Twisted's {@code IReactorTime}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * DelayedCall call = reactor.callLater(2.5, () -> log.info("later"));
 * call.reset(5);      // push it back
 * call.cancel();      // or drop it
 * }</pre>
 *
 * <p>Code that needs time takes a {@code ReactorTime} as a parameter, so that tests can hand it a
 * {@link org.twisted4j.internet.task.Clock} and advance time by hand instead of sleeping.
 *
 * <h2>Threading</h2>
 * Reactor thread only: calls run on the reactor's thread, in order of their time; calls due at the same
 * time run in the order they were scheduled. To schedule from another thread, go through
 * {@code callFromThread} first.
 */
public interface ReactorTime {

    /**
     * Schedules {@code call} to run {@code delaySeconds} from now on this reactor's clock.
     *
     * @param delaySeconds how long to wait, in seconds; zero runs it on the next turn of the reactor
     * @param call what to run; an exception it throws is logged and does not stop the reactor
     * @return the scheduled call, which can be cancelled, delayed or reset until it runs
     * @throws IllegalArgumentException if {@code delaySeconds} is negative or not a number
     */
    DelayedCall callLater(double delaySeconds, Runnable call);

    /**
     * Schedules {@code call} to run after {@code delay}; the same as {@link #callLater(double, Runnable)}.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    default DelayedCall callLater(Duration delay, Runnable call) {
        return callLater(delay.toNanos() / 1e9, call);
    }

    /** Returns this reactor's current time in seconds; only differences between two readings mean anything. */
    double seconds();

    /** Returns the calls scheduled and not yet run or cancelled, in no particular order. */
    List<DelayedCall> getDelayedCalls();
}
