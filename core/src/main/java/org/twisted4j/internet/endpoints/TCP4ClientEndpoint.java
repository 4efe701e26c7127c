package org.twisted4j.internet.endpoints;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;

/**
 * Connects to a TCP host and port, as Twisted's {@code TCP4ClientEndpoint}; description
 * {@code tcp:host=HOST:port=PORT} or {@code tcp:HOST:PORT}. The host is given to the reactor's
 * {@code connectTCP} as it is; for a host name with several addresses, {@link HostnameEndpoint} tries them
 * all.
 *
 * <pre>{@code
 * new TCP4ClientEndpoint(reactor, "127.0.0.1", 6379).connect(Factory.forProtocol(RedisProtocol::new));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #connect} belongs to the reactor thread.
 */
public final class TCP4ClientEndpoint extends TcpClientEndpoint {

    /**
     * Creates an endpoint with the default timeout and no local address.
     *
     * @param reactor the reactor that connects
     * @param host the host to connect to
     * @param port the port to connect to
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public TCP4ClientEndpoint(ReactorTCP reactor, String host, int port) {
        this(reactor, host, port, ReactorTCP.DEFAULT_CONNECT_TIMEOUT, null);
    }

    /**
     * Creates an endpoint.
     *
     * @param reactor the reactor that connects
     * @param host the host to connect to
     * @param port the port to connect to
     * @param timeout seconds to wait for the connection before giving up
     * @param bindAddress the local address to connect from, or null for any
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not a
     *     positive number
     */
    public TCP4ClientEndpoint(ReactorTCP reactor, String host, int port, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        super(reactor, host, port, timeout, bindAddress);
    }

    /** Connects with the reactor's {@code connectTCP}. */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        return connectTo(host(), factory);
    }





    @Override
    public String toString() {
        return "TCP4ClientEndpoint[" + host() + ":" + port() + "]";
    }
}
