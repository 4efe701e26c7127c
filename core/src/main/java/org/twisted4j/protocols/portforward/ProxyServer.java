package org.twisted4j.protocols.portforward;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.ReactorTCP;

/**
 * The incoming end of a port forwarder's relay, as Twisted's {@code portforward.ProxyServer}: when a client
 * connects it stops reading, connects to the destination, and once that connection is made the two are
 * joined (see {@link ProxyProtocol}). If the destination cannot be reached, the client's connection
 * closes; if the client leaves first, the attempt is called off.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ProxyServer extends ProxyProtocol {

    private final ReactorTCP reactor;
    private final String host;
    private final int port;
    private final double timeout;
    private @Nullable Connector connector;

    /**
     * Creates the incoming end of one forwarded connection.
     *
     * @param reactor makes the outgoing connection
     * @param host the destination's host name or address
     * @param port the destination's port
     * @param timeout seconds to wait for the outgoing connection
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not
     *     positive
     */
    public ProxyServer(ReactorTCP reactor, String host, int port, double timeout) {
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

    /** Stops reading and connects to the destination. */
    @Override
    public void connectionMade() {
        transport().pauseProducing();
        connector = reactor.connectTCP(host, port, new ProxyClientFactory(this), timeout, null);
    }

    /** Closes the outgoing end, or calls off its attempt if it is not connected yet. */
    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        Connector attempt = connector;
        if (peer() == null && attempt != null) {
            attempt.disconnect();
        }
    }
}
