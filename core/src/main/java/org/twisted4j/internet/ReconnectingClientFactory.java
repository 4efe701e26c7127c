package org.twisted4j.internet;

import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * A client factory that reconnects whenever a connection attempt fails or a connection is lost, waiting
 * longer each time, as Twisted's {@code ReconnectingClientFactory}.
 *
 * <h2>Using it</h2>
 * Call {@link #resetDelay()} once a connection is up, typically when the protocol is built, so that the next
 * loss starts again from the initial delay; call {@link #stopTrying()} to give up.
 * <pre>{@code
 * ReconnectingClientFactory factory = new ReconnectingClientFactory(reactor, ChatClient::new) {
 *     public Protocol buildProtocol(Address address) {
 *         resetDelay();
 *         return super.buildProtocol(address);
 *     }
 * };
 * reactor.connectTCP("chat.example", 6667, factory);
 * }</pre>
 *
 * <h2>Back-off</h2>
 * Each retry multiplies the delay by {@link #setFactor factor} (default e), caps it at
 * {@link #setMaxDelay maxDelay} (default an hour), then spreads it with normally distributed jitter
 * ({@link #setJitter jitter}, default about 12% standard deviation) so that many clients do not reconnect
 * in step. After {@link #setMaxRetries maxRetries} retries, if set, it stops retrying.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ReconnectingClientFactory extends ClientFactory {
    /** The longest wait between attempts, in seconds, unless changed: one hour, as Twisted's. */
    public static final double DEFAULT_MAX_DELAY = 3600;
    /** The first wait, in seconds, unless changed. */
    public static final double DEFAULT_INITIAL_DELAY = 1.0;
    /** How much the wait grows with each retry, unless changed: e, as Twisted's. */
    public static final double DEFAULT_FACTOR = Math.E;
    /** The standard deviation of the wait, as a fraction of it, unless changed: Twisted's value. */
    public static final double DEFAULT_JITTER = 0.11962656472;

    private final ReactorTime clock;
    private final Random random;
    private double maxDelay = DEFAULT_MAX_DELAY;
    private double initialDelay = DEFAULT_INITIAL_DELAY;
    private double factor = DEFAULT_FACTOR;
    private double jitter = DEFAULT_JITTER;
    private @Nullable Integer maxRetries;

    private double delay = DEFAULT_INITIAL_DELAY;
    private int retries;
    private boolean continueTrying = true;
    private @Nullable Connector connector;
    private @Nullable DelayedCall pendingRetry;

    /**
     * For subclasses that override {@link #buildProtocol}.
     *
     * @param clock schedules the retries, normally the reactor
     */
    protected ReconnectingClientFactory(ReactorTime clock) {
        this(clock, new Random());
    }

    /**
     * Creates a factory whose protocols come from {@code protocol}.
     *
     * @param clock schedules the retries, normally the reactor
     * @param protocol makes the protocol for each connection made
     */
    public ReconnectingClientFactory(ReactorTime clock, Supplier<? extends Protocol> protocol) {
        super(protocol);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random();
    }

    /**
     * For tests: a factory whose jitter comes from {@code random}.
     *
     * @param clock schedules the retries
     * @param random the source of the jitter
     */
    protected ReconnectingClientFactory(ReactorTime clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Retries, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** Retries, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /**
     * Schedules another attempt on the last connector, after the next delay.
     *
     * @throws IllegalStateException if no connection attempt has been made yet
     */
    public void retry() {
        Connector target = connector;
        if (target == null) {
            throw new IllegalStateException("no connector to retry: no connection attempt has been made");
        }
        retry(target);
    }

    /** Schedules another attempt on {@code target}, after the next delay, unless retrying has stopped. */
    public void retry(Connector target) {
        if (!continueTrying) {
            return;
        }
        retries++;
        if (maxRetries != null && retries > maxRetries) {
            return;
        }
        delay = Math.min(delay * factor, maxDelay);
        if (jitter != 0) {
            delay = Math.max(0, delay + random.nextGaussian() * delay * jitter);
        }
        pendingRetry = clock.callLater(delay, () -> {
            pendingRetry = null;
            target.connect();
        });
    }

    /** Stops retrying: cancels a scheduled attempt and calls off one in progress. */
    public void stopTrying() {
        DelayedCall retryCall = pendingRetry;
        if (retryCall != null && retryCall.active()) {
            retryCall.cancel();
        }
        pendingRetry = null;
        continueTrying = false;
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (IllegalStateException notConnecting) {
                // connected, or between attempts: nothing to call off
            }
        }
    }

    /** Starts the back-off afresh: the next delay is the initial one, and retrying is on again. */
    public void resetDelay() {
        delay = initialDelay;
        retries = 0;
        pendingRetry = null;
        continueTrying = true;
    }

    /** Returns the current delay in seconds: the last wait, or the initial delay before any retry. */
    public double delay() {
        return delay;
    }

    /** Returns how many retries were made since the last {@link #resetDelay()}. */
    public int retries() {
        return retries;
    }

    /** Returns whether this factory still retries. */
    public boolean continueTrying() {
        return continueTrying;
    }

    /** Sets the longest wait between attempts, in seconds. */
    public void setMaxDelay(double seconds) {
        this.maxDelay = seconds;
    }

    /** Sets the first wait, in seconds; it applies from the next {@link #resetDelay()}, as does Twisted's. */
    public void setInitialDelay(double seconds) {
        this.initialDelay = seconds;
    }

    /** Sets how much the wait grows with each retry. */
    public void setFactor(double factor) {
        this.factor = factor;
    }

    /** Sets the standard deviation of the wait as a fraction of it; zero turns the jitter off. */
    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    /** Sets how many retries to make at most, or null for no limit (the default). */
    public void setMaxRetries(@Nullable Integer maxRetries) {
        this.maxRetries = maxRetries;
    }
}
