package org.twisted4j.internet.endpoints;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;

/**
 * What {@link TCP4ClientEndpoint} and {@link TCP6ClientEndpoint} share: the reactor, host, port, timeout and
 * local address they connect with, and the connection to an address. Immutable; {@link #connect} belongs to
 * the reactor thread.
 */
abstract sealed class TcpClientEndpoint implements StreamClientEndpoint
        permits TCP4ClientEndpoint, TCP6ClientEndpoint {

    private final ReactorTCP reactor;
    private final String host;
    private final int port;
    private final double timeout;
    private final @Nullable InetSocketAddress bindAddress;

    TcpClientEndpoint(ReactorTCP reactor, String host, int port, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = Checks.port(port);
        this.timeout = Checks.timeout(timeout);
        this.bindAddress = bindAddress;
    }

    /** Connects to {@code address} (this endpoint's host, or an address found for it) with {@code connectTCP}. */
    final Deferred<Protocol> connectTo(String address, Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return ConnectingFactory.connect(factory,
                connecting -> reactor.connectTCP(address, port, connecting, timeout, bindAddress));
    }

    /** Returns the host to connect to, as given. */
    public final String host() {
        return host;
    }

    /** Returns the port to connect to. */
    public final int port() {
        return port;
    }

    /** Returns the connection timeout in seconds. */
    public final double timeout() {
        return timeout;
    }

    /** Returns the local address to connect from, or null for any. */
    public final @Nullable InetSocketAddress bindAddress() {
        return bindAddress;
    }
}
