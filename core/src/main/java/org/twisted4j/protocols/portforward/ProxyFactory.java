package org.twisted4j.protocols.portforward;

import java.util.Objects;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;

/**
 * A port forwarder, as Twisted's {@code portforward.ProxyFactory}: every connection it accepts is relayed
 * to one destination host and port, both ways, with back-pressure from end to end.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ListeningPort port = reactor.listenTCP(8080, new ProxyFactory(reactor, "10.0.0.5", 80));
 * }</pre>
 *
 * <p>Each accepted connection gets a {@link ProxyServer}, which stops reading, connects to the destination
 * through the reactor given here, and relays once connected. A failed outgoing connection closes the
 * incoming one; either side closing closes the other once its buffered bytes are written. Subclasses may
 * override {@link #buildProtocol} to wrap or observe the {@link ProxyServer}s.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ProxyFactory extends Factory {

    private final ReactorTCP reactor;
    private final String host;
    private final int port;
    private final double timeout;

    /**
     * Creates a forwarder to {@code host:port} with the reactor's default connection timeout.
     *
     * @param reactor makes the outgoing connections
     * @param host the destination's host name or address
     * @param port the destination's port
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public ProxyFactory(ReactorTCP reactor, String host, int port) {
        this(reactor, host, port, ReactorTCP.DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Creates a forwarder to {@code host:port}.
     *
     * @param reactor makes the outgoing connections
     * @param host the destination's host name or address
     * @param port the destination's port
     * @param timeout seconds to wait for each outgoing connection
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not
     *     positive
     */
    public ProxyFactory(ReactorTCP reactor, String host, int port, double timeout) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.port = port;
        this.timeout = timeout;
    }

    /** Returns the destination's host. */
    public final String host() {
        return host;
    }

    /** Returns the destination's port. */
    public final int port() {
        return port;
    }

    /** Builds a {@link ProxyServer} to the destination. */
    @Override
    public Protocol buildProtocol(Address peer) {
        ProxyServer server = new ProxyServer(reactor, host, port, timeout);
        server.setFactory(this);
        return server;
    }
}
