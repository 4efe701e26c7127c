package org.twisted4j.protocols.policies;

import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * A count-down that runs an action when a connection has been idle for too long, as Twisted's
 * {@code TimeoutMixin}. Java has no mixins, so instead of inheriting it a protocol holds one; that keeps it
 * usable with any base class, such as a {@link org.twisted4j.protocols.basic.LineReceiver}.
 *
 * <h2>Using it</h2>
 * Start it when the connection is made, reset it on activity, cancel it when the connection is lost:
 *
 * <pre>{@code
 * final class Chat extends LineReceiver {
 *     private final IdleTimeout idle;
 *     Chat(ReactorTime clock) { idle = IdleTimeout.closing(clock, this); }
 *
 *     public void connectionMade() { idle.setTimeout(300); }
 *     protected void lineReceived(byte[] line) { idle.resetTimeout(); ... }
 *     public void connectionLost(Failure reason) { idle.cancel(); }
 * }
 * }</pre>
 *
 * <p>{@link #closing(ReactorTime, Protocol)} closes the connection on time-out, which is Twisted's default
 * {@code timeoutConnection}; the constructor takes any other action. After it has run, the count-down is
 * over: {@link #resetTimeout()} does nothing until {@link #setTimeout(double)} starts it again.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the protocol that holds it; the action runs on the reactor thread.
 */
public final class IdleTimeout {

    private final ReactorTime clock;
    private final Runnable onTimeout;
    private double period = Double.NaN;
    private @Nullable DelayedCall call;

    /**
     * Makes a count-down that is not running yet.
     *
     * @param clock where to schedule it, the reactor (or a {@code Clock} in tests)
     * @param onTimeout what to run when the time is up
     */
    public IdleTimeout(ReactorTime clock, Runnable onTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
    }

    /**
     * Makes a count-down, not running yet, that closes {@code protocol}'s connection with
     * {@code loseConnection} when the time is up.
     *
     * @param clock where to schedule it
     * @param protocol the protocol whose connection to close
     * @return the count-down
     */
    public static IdleTimeout closing(ReactorTime clock, Protocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return new IdleTimeout(clock, () -> protocol.transport().loseConnection());
    }

    /**
     * Sets the idle period and (re)starts the count-down from now.
     *
     * @param seconds how long the connection may be idle
     * @return the previous period, or empty if there was none
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public OptionalDouble setTimeout(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("the idle timeout must be zero or more seconds, not " + seconds);
        }
        OptionalDouble previous = timeout();
        period = seconds;
        DelayedCall current = call;
        if (current != null) {
            current.reset(seconds);
        } else {
            call = clock.callLater(seconds, this::timedOut);
        }
        return previous;
    }

    /**
     * Restarts the count-down from now, because the connection was active. Does nothing if it is not
     * running: never started, cancelled, or already run out.
     */
    public void resetTimeout() {
        DelayedCall current = call;
        if (current != null) {
            current.reset(period);
        }
    }

    /**
     * Stops the count-down and forgets the period, as Twisted's {@code setTimeout(None)}. Does nothing if it
     * is not running.
     *
     * @return the period it had, or empty if there was none
     */
    public OptionalDouble cancel() {
        OptionalDouble previous = timeout();
        period = Double.NaN;
        DelayedCall current = call;
        call = null;
        if (current != null && current.active()) {
            current.cancel();
        }
        return previous;
    }

    /** Returns the idle period in seconds, or empty if none is set. */
    public OptionalDouble timeout() {
        return Double.isNaN(period) ? OptionalDouble.empty() : OptionalDouble.of(period);
    }

    /** Returns whether the count-down is running. */
    public boolean isPending() {
        return call != null;
    }

    private void timedOut() {
        call = null;
        onTimeout.run();
    }

    @Override
    public String toString() {
        return "IdleTimeout[" + (isPending() ? "running, " + period + " s" : "stopped") + "]";
    }
}
