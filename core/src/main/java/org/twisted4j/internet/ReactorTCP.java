package org.twisted4j.internet;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * TCP servers and clients, as Twisted's {@code IReactorTCP}.
 *
 * <pre>{@code
 * ListeningPort port = reactor.listenTCP(8080, Factory.forProtocol(Echo::new));
 * Connector conn = reactor.connectTCP("localhost", 8080, ClientFactory.forProtocol(Hello::new));
 * }</pre>
 *
 * <p>Server protocols come from the factory's {@link Factory#buildProtocol} for each accepted connection;
 * their transports are {@link TCPTransport}s.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReactorTCP {

    /**
     * The default listen backlog, how many connections may wait to be accepted: the system's
     * {@code somaxconn} ({@link ListenBacklog#systemDefault()}), where Twisted's is 50, so that a burst of
     * connects is not dropped into SYN retransmission.
     */
    int DEFAULT_BACKLOG = ListenBacklog.systemDefault();

    /** The default connection timeout, in seconds. */
    double DEFAULT_CONNECT_TIMEOUT = 30;

    /**
     * Listens for TCP connections.
     *
     * @param port the port, or 0 for one the system picks (see {@link ListeningPort#getHost()})
     * @param factory builds a protocol for each connection
     * @param backlog how many connections may wait to be accepted
     * @param bindInterface the local address to listen on; empty for every IPv4 interface, {@code "::"}
     *     for every IPv6 one
     * @return the listening port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code backlog} is negative
     */
    ListeningPort listenTCP(int port, Factory factory, int backlog, String bindInterface);

    /**
     * Listens for TCP connections on every IPv4 interface with the {@link #DEFAULT_BACKLOG}.
     *
     * @param port the port, or 0 for one the system picks
     * @param factory builds a protocol for each connection
     * @return the listening port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    default ListeningPort listenTCP(int port, Factory factory) {
        return listenTCP(port, factory, DEFAULT_BACKLOG, "");
    }

    /**
     * Connects to a TCP server. The outcome reaches the factory: {@link ClientFactory#startedConnecting}
     * now, then either a protocol from {@link Factory#buildProtocol} or
     * {@link ClientFactory#clientConnectionFailed}.
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param factory told about the attempt and builds the protocol
     * @param timeout seconds to wait for the connection before failing it
     * @param bindAddress the local address to connect from, or null for any
     * @return the connector, to stop the attempt or disconnect
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not
     *     positive
     */
    Connector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress);

    /**
     * Connects to a TCP server with the {@link #DEFAULT_CONNECT_TIMEOUT}, from any local address.
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param factory told about the attempt and builds the protocol
     * @return the connector
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    default Connector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
    }
}
