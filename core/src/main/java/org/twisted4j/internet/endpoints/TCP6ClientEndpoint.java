package org.twisted4j.internet.endpoints;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;

/**
 * Connects over TCP to an IPv6 address, as Twisted's {@code TCP6ClientEndpoint}; description
 * {@code tcp6:host=HOST:port=PORT} or {@code tcp6:HOST:PORT}. An IPv6 literal host is connected to at once;
 * any other host is looked up first, and its first IPv6 address is used.
 *
 * <pre>{@code
 * new TCP6ClientEndpoint(reactor, "::1", 6379).connect(Factory.forProtocol(RedisProtocol::new));
 * }</pre>
 *
 * <h2>Failures</h2>
 * A name that cannot be looked up, or has no IPv6 address, fails the Deferred with a {@link DNSLookupError}.
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #connect} belongs to the reactor thread.
 */
public final class TCP6ClientEndpoint extends TcpClientEndpoint {

    private final HostResolver resolver;

    /**
     * Creates an endpoint with the default timeout and no local address, looking host names up with
     * {@link HostResolver#blocking} on the reactor's threads.
     *
     * @param reactor the reactor that connects and runs lookups
     * @param host an IPv6 literal or a host name with an IPv6 address
     * @param port the port to connect to
     * @param <R> the reactor's type
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public <R extends ReactorTCP & ReactorThreads> TCP6ClientEndpoint(R reactor, String host, int port) {
        this(reactor, HostResolver.blocking(reactor), host, port, ReactorTCP.DEFAULT_CONNECT_TIMEOUT, null);
    }

    /**
     * Creates an endpoint, looking host names up with {@link HostResolver#blocking} on the reactor's threads.
     *
     * @param reactor the reactor that connects and runs lookups
     * @param host an IPv6 literal or a host name with an IPv6 address
     * @param port the port to connect to
     * @param timeout seconds to wait for the connection before giving up
     * @param bindAddress the local address to connect from, or null for any
     * @param <R> the reactor's type
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not a
     *     positive number
     */
    public <R extends ReactorTCP & ReactorThreads> TCP6ClientEndpoint(R reactor, String host, int port,
            double timeout, @Nullable InetSocketAddress bindAddress) {
        this(reactor, HostResolver.blocking(reactor), host, port, timeout, bindAddress);
    }

    /**
     * Creates an endpoint that looks host names up with {@code resolver}.
     *
     * @param reactor the reactor that connects
     * @param resolver looks up a host that is not an IPv6 literal
     * @param host an IPv6 literal or a host name with an IPv6 address
     * @param port the port to connect to
     * @param timeout seconds to wait for the connection before giving up
     * @param bindAddress the local address to connect from, or null for any
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not a
     *     positive number
     */
    public TCP6ClientEndpoint(ReactorTCP reactor, HostResolver resolver, String host, int port, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        super(reactor, host, port, timeout, bindAddress);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Looks the host up unless it is an IPv6 literal, then connects with the reactor's {@code connectTCP}. */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        String host = host();
        if (IpLiterals.isIPv6(host)) {
            return connectTo(host, factory);
        }
        return Resolution.resolve(resolver, host, host + ":" + port())
                .addCallbackDeferred(addresses -> connectTo(firstIPv6(addresses), factory));
    }

    private String firstIPv6(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (address instanceof Inet6Address) {
                return address.getHostAddress();
            }
        }
        throw new DNSLookupError("no IPv6 address for hostname lookup: " + host());
    }





    @Override
    public String toString() {
        String host = host();
        return "TCP6ClientEndpoint[" + (IpLiterals.isIPv6(host) ? "[" + host + "]" : host) + ":" + port() + "]";
    }
}
