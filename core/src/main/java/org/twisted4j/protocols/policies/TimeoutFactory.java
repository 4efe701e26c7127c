package org.twisted4j.protocols.policies;

import java.util.Objects;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * A factory that closes connections that stay idle too long, as Twisted's {@code TimeoutFactory}: a
 * connection is idle while nothing is received or written, and after the timeout its wrapper calls
 * {@code loseConnection}. Nothing in the wrapped protocol has to change; a protocol that wants other
 * periods can reach the {@link TimeoutProtocol} as its transport.
 *
 * <pre>{@code
 * reactor.listenTCP(8080, new TimeoutFactory(Factory.forProtocol(Web::new), reactor, 60));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class TimeoutFactory extends WrappingFactory {

    /** The default timeout: 30 minutes, as Twisted's. */
    public static final double DEFAULT_TIMEOUT_SECONDS = 30 * 60;

    private final ReactorTime clock;
    private final double timeoutSeconds;

    /**
     * Wraps {@code wrappedFactory} with the {@linkplain #DEFAULT_TIMEOUT_SECONDS default timeout}.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param clock the clock that times idleness, normally the reactor
     */
    public TimeoutFactory(Factory wrappedFactory, ReactorTime clock) {
        this(wrappedFactory, clock, DEFAULT_TIMEOUT_SECONDS);
    }

    /**
     * Wraps {@code wrappedFactory}.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param clock the clock that times idleness, normally the reactor
     * @param timeoutSeconds how long a connection may stay idle
     * @throws IllegalArgumentException if {@code timeoutSeconds} is negative or not a number
     */
    public TimeoutFactory(Factory wrappedFactory, ReactorTime clock, double timeoutSeconds) {
        super(wrappedFactory);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(timeoutSeconds >= 0)) {
            throw new IllegalArgumentException("the timeout must be zero or more seconds, not " + timeoutSeconds);
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Returns how long a connection may stay idle, in seconds. */
    public final double timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        return new TimeoutProtocol(this, wrapped, clock, timeoutSeconds);
    }
}
