package org.twisted4j.internet.task;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * A {@link ReactorTime} whose time moves only when told to, for deterministic tests of code that schedules
 * calls, as Twisted's {@code twisted.internet.task.Clock}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Clock clock = new Clock();                 // starts at 0.0
 * List<String> seen = new ArrayList<>();
 * clock.callLater(2, () -> seen.add("ping"));
 * clock.advance(1.5);                        // nothing yet
 * clock.advance(0.5);                        // runs the call: seen is [ping]
 * }</pre>
 *
 * <p>Hand a {@code Clock} to any code that takes a {@link ReactorTime} (timeouts, {@link LoopingCall},
 * {@link Cooperator}, {@code Deferred.addTimeout}) and drive time with {@link #advance} or {@link #pump}
 * instead of sleeping.
 *
 * <h2>Semantics</h2>
 * {@link #advance} moves the time forward and then runs, in order, every call due at or before the new time,
 * checking again after each call: a call scheduled during the advance for a time already reached runs in the
 * same advance. Calls due at the same time run in the order they were scheduled. An exception thrown by a
 * call leaves {@code advance} unchanged; the calls due after it stay scheduled and run on the next advance.
 *
 * <h2>Threading</h2>
 * Reactor thread only: a clock and its calls belong to the one thread driving the test.
 */
public final class Clock implements ReactorTime {

    private double now;
    private final DelayedCallQueue calls = new DelayedCallQueue(this::seconds, DelayedCallQueue.RETHROW);

    /** Creates a clock that reads 0.0 and has no calls scheduled. */
    public Clock() {
    }

    /** Returns this clock's current time in seconds: 0.0 plus every amount it was advanced by. */
    @Override
    public double seconds() {
        return now;
    }

    /**
     * Schedules {@code call} to run once this clock has been advanced by {@code delaySeconds} from now.
     *
     * @throws IllegalArgumentException if {@code delaySeconds} is negative or not a number
     */
    @Override
    public DelayedCall callLater(double delaySeconds, Runnable call) {
        checkAmount("delaySeconds", delaySeconds);
        Objects.requireNonNull(call, "call");
        return calls.schedule(now + delaySeconds, call);
    }

    /** Returns the calls scheduled and neither run nor cancelled, in the order they would run. */
    @Override
    public List<DelayedCall> getDelayedCalls() {
        return calls.getDelayedCalls();
    }

    /**
     * Moves this clock forward by {@code seconds} and runs every call then due, in order, including calls
     * that the calls run schedule for a time already reached.
     *
     * @param seconds how far to move; zero runs the calls already due without moving
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     * @throws RuntimeException (or any other throwable) thrown by a call; it ends this advance, and the calls
     *     due after it stay scheduled
     */
    public void advance(double seconds) {
        checkAmount("seconds", seconds);
        now += seconds;
        // A call may advance this clock itself; keep going until the time stops moving under us.
        double until;
        do {
            until = now;
            calls.runUntil(until);
        } while (until != now);
    }

    /**
     * Moves this clock forward by {@code amount}; the same as {@link #advance(double)} in seconds.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public void advance(Duration amount) {
        advance(amount.toNanos() / 1e9);
    }

    /**
     * Advances this clock by each of {@code timings} in turn, running the calls due after each step.
     *
     * @param timings the steps, in seconds
     * @throws IllegalArgumentException if a step is negative or not a number; the steps before it are taken
     */
    public void pump(double... timings) {
        for (double step : timings) {
            advance(step);
        }
    }

    @Override
    public String toString() {
        return "Clock[at " + now + ", " + calls.size() + " calls]";
    }

    private static void checkAmount(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be zero or more, not " + value);
        }
    }
}
