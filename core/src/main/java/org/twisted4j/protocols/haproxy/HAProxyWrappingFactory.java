package org.twisted4j.protocols.haproxy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.WrappingFactory;

/**
 * Puts a PROXY protocol reader (HAProxy's, versions 1 and 2) under every protocol another factory builds,
 * as Twisted's {@code HAProxyWrappingFactory}: for servers behind a proxy that sends the header
 * ({@code send-proxy} or {@code send-proxy-v2} in HAProxy).
 *
 * <pre>{@code
 * reactor.listenTCP(8080, new HAProxyWrappingFactory(site, reactor), 50, "10.0.0.5");
 * // or, the same with an endpoint: Endpoints.serverFromString(reactor, "haproxy:tcp:8080:interface=10.0.0.5")
 * }</pre>
 *
 * <h2>What the wrapped protocol sees</h2>
 * Nothing until the header has been read: then it is connected, {@code transport().getPeer()} and
 * {@code getHost()} give the client's address and the address it reached on the proxy, and it receives the
 * bytes after the header. For a {@code LOCAL} header (the proxy's health checks) or unknown addresses, the
 * real addresses stand. The rest of the header, TLVs included, comes from {@link ProxyHeader#of}.
 *
 * <h2>Bad input</h2>
 * A connection whose first bytes are not a valid header (see {@link ProxyHeaderParser}), or longer than
 * {@link #setMaxHeaderLength}, or, given a clock, without a complete header within
 * {@link #setHeaderTimeout} seconds, is aborted with one log line.
 *
 * <h2>Pitfalls</h2>
 * The wrapped factory's {@code buildProtocol} is called when the connection is accepted, with the proxy's
 * address: per-client policies belong under this factory, where {@code getPeer()} is the client's. Only
 * the proxy should reach a port behind this factory: anyone who can connect can claim any address.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class HAProxyWrappingFactory extends WrappingFactory {

    /** The default {@link #headerTimeout()}: 10 seconds. */
    public static final double DEFAULT_HEADER_TIMEOUT = 10;

    private final @Nullable ReactorTime clock;
    private double headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private int maxHeaderLength = ProxyHeaderParser.DEFAULT_MAX_LENGTH;

    /**
     * Wraps {@code wrappedFactory}, with no time limit on the header.
     *
     * @param wrappedFactory builds the real protocols
     */
    public HAProxyWrappingFactory(Factory wrappedFactory) {
        super(wrappedFactory);
        this.clock = null;
    }

    /**
     * Wraps {@code wrappedFactory}, dropping connections that send no header within the
     * {@linkplain #headerTimeout() timeout}.
     *
     * @param wrappedFactory builds the real protocols
     * @param clock times the header
     */
    public HAProxyWrappingFactory(Factory wrappedFactory, ReactorTime clock) {
        super(wrappedFactory);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the seconds a connection has to send its header, when this factory has a clock. */
    public double headerTimeout() {
        return headerTimeout;
    }

    /**
     * Sets the seconds a connection has to send its header, for connections accepted afterwards.
     *
     * @param seconds more than 0
     * @return this factory
     * @throws IllegalArgumentException if {@code seconds} is not more than 0
     */
    public HAProxyWrappingFactory setHeaderTimeout(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("header timeout " + seconds + " s is not more than 0");
        }
        this.headerTimeout = seconds;
        return this;
    }

    /** Returns the longest header accepted, in bytes; {@link ProxyHeaderParser#DEFAULT_MAX_LENGTH} by default. */
    public int maxHeaderLength() {
        return maxHeaderLength;
    }

    /**
     * Sets the longest header accepted, for connections accepted afterwards.
     *
     * @param maxLength from {@link ProxyHeaderParser#V1_MAX_LENGTH} to {@link ProxyHeaderParser#V2_MAX_LENGTH}
     * @return this factory
     * @throws IllegalArgumentException if {@code maxLength} is out of that range
     */
    public HAProxyWrappingFactory setMaxHeaderLength(int maxLength) {
        new ProxyHeaderParser().setMaxLength(maxLength);
        this.maxHeaderLength = maxLength;
        return this;
    }

    @Nullable ReactorTime clock() {
        return clock;
    }

    /** Forgets a connection refused before its header: its wrapped protocol was never connected. */
    void forget(ProtocolWrapper protocol) {
        unregisterProtocol(protocol);
    }

    @Override
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        return new HAProxyProtocol(this, wrapped);
    }
}
