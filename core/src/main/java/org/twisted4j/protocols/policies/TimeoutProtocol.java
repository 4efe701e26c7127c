package org.twisted4j.protocols.policies;

import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.Transport;

/**
 * The wrapper {@link TimeoutFactory} puts around each protocol, as Twisted's {@code TimeoutProtocol}: it
 * restarts an {@link IdleTimeout} on every read and write, stops it when the connection is lost, and calls
 * {@link #loseConnection()} when it runs out. The wrapped protocol sees it as its transport and may change
 * the period:
 *
 * <pre>{@code
 * if (transport() instanceof TimeoutProtocol timeout) {
 *     timeout.setTimeout(3600);   // a long upload is coming
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class TimeoutProtocol extends ProtocolWrapper {

    private final IdleTimeout idle;
    private final double initialTimeout;

    TimeoutProtocol(WrappingFactory factory, Protocol wrapped, ReactorTime clock, double timeoutSeconds) {
        super(factory, wrapped);
        this.idle = new IdleTimeout(clock, this::loseConnection);
        this.initialTimeout = timeoutSeconds;
    }

    /** Starts the count-down, then connects as every wrapper does. */
    @Override
    public void makeConnection(Transport transport) {
        idle.setTimeout(initialTimeout);
        super.makeConnection(transport);
    }

    /**
     * Sets a new idle period and restarts the count-down from now.
     *
     * @param seconds how long the connection may be idle
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setTimeout(double seconds) {
        idle.setTimeout(seconds);
    }

    /** Stops the count-down: the connection may now stay idle for ever, until {@link #setTimeout} again. */
    public void cancelTimeout() {
        idle.cancel();
    }

    /** Restarts the count-down from now, if it is running. */
    public void resetTimeout() {
        idle.resetTimeout();
    }

    /** Returns the count-down this wrapper uses. */
    public IdleTimeout idleTimeout() {
        return idle;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        idle.resetTimeout();
        super.dataReceived(data);
    }

    @Override
    public void write(ByteBuffer data) {
        idle.resetTimeout();
        super.write(data);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        idle.resetTimeout();
        super.writeSequence(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        idle.cancel();
        super.connectionLost(reason);
    }
}
