package org.twisted4j.internet.endpoints;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;

/**
 * Connects to a host by name, trying its addresses until one answers, as Twisted's
 * {@code HostnameEndpoint}: the name is looked up off the reactor thread, then a TCP connection is started
 * to the first address, another to the next address {@link #DEFAULT_ATTEMPT_DELAY 0.3 s} later, and so on
 * (Happy Eyeballs, RFC 8305). The first connection made wins; the others are stopped.
 *
 * <pre>{@code
 * StreamClientEndpoint endpoint = new HostnameEndpoint(reactor, "example.com", 443);
 * Endpoints.connectProtocol(endpoint, new MyProtocol());
 * }</pre>
 *
 * <h2>Order of attempts</h2>
 * The addresses are tried in the resolver's order within each family, alternating between families and
 * starting with the family of the first address (RFC 8305 section 4), so a host whose IPv6 addresses are
 * unreachable is reached over IPv4 one attempt delay later, whatever order the resolver grouped them in.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>The name cannot be looked up, or has no address: a {@link DNSLookupError}.</li>
 *   <li>Every attempt failed: the last failure, once the last address has been tried.</li>
 *   <li>The Deferred was cancelled: a {@link org.twisted4j.internet.ConnectingCancelledError}, with the
 *       lookup or every attempt under way stopped.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #connect} belongs to the reactor thread.
 */
public final class HostnameEndpoint implements StreamClientEndpoint {

    /** Seconds between the start of one connection attempt and the next: 0.3, as in Twisted. */
    public static final double DEFAULT_ATTEMPT_DELAY = 0.3;

    private final ReactorTCP tcp;
    private final ReactorTime time;
    private final HostResolver resolver;
    private final String host;
    private final int port;
    private final double timeout;
    private final @Nullable InetSocketAddress bindAddress;
    private final double attemptDelay;

    /**
     * Creates an endpoint with the default timeout, attempt delay and no local address, looking the name up
     * with {@link HostResolver#blocking} on the reactor's threads.
     *
     * @param reactor the reactor that connects, keeps time and runs lookups
     * @param host the host name or address literal to connect to
     * @param port the port to connect to
     * @param <R> the reactor's type
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public <R extends ReactorTCP & ReactorTime & ReactorThreads> HostnameEndpoint(R reactor, String host, int port) {
        this(reactor, host, port, ReactorTCP.DEFAULT_CONNECT_TIMEOUT, null);
    }

    /**
     * Creates an endpoint with the default attempt delay, looking the name up with
     * {@link HostResolver#blocking} on the reactor's threads.
     *
     * @param reactor the reactor that connects, keeps time and runs lookups
     * @param host the host name or address literal to connect to
     * @param port the port to connect to
     * @param timeout seconds to wait for each connection attempt before giving it up
     * @param bindAddress the local address to connect from, or null for any
     * @param <R> the reactor's type
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not a
     *     positive number
     */
    public <R extends ReactorTCP & ReactorTime & ReactorThreads> HostnameEndpoint(R reactor, String host, int port,
            double timeout, @Nullable InetSocketAddress bindAddress) {
        this(reactor, HostResolver.blocking(reactor), host, port, timeout, bindAddress, DEFAULT_ATTEMPT_DELAY);
    }

    /**
     * Creates an endpoint that looks the name up with {@code resolver}.
     *
     * @param reactor the reactor that connects and keeps time
     * @param resolver looks the host name up; not called for an address literal
     * @param host the host name or address literal to connect to
     * @param port the port to connect to
     * @param timeout seconds to wait for each connection attempt before giving it up
     * @param bindAddress the local address to connect from, or null for any
     * @param attemptDelay seconds between the starts of successive attempts
     * @param <R> the reactor's type
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535, {@code timeout} is not a
     *     positive number, or {@code attemptDelay} is negative or not finite
     */
    public <R extends ReactorTCP & ReactorTime> HostnameEndpoint(R reactor, HostResolver resolver, String host,
            int port, double timeout, @Nullable InetSocketAddress bindAddress, double attemptDelay) {
        Objects.requireNonNull(reactor, "reactor");
        this.tcp = reactor;
        this.time = reactor;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.host = Objects.requireNonNull(host, "host");
        this.port = Checks.port(port);
        this.timeout = Checks.timeout(timeout);
        this.bindAddress = bindAddress;
        if (!(attemptDelay >= 0) || Double.isInfinite(attemptDelay)) {
            throw new IllegalArgumentException("attemptDelay must be zero or more seconds, not " + attemptDelay);
        }
        this.attemptDelay = attemptDelay;
    }

    /**
     * Looks the host up (unless it is an address literal) and races connections to its addresses; see the
     * class description.
     */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        InetAddress literal = IpLiterals.parse(host);
        Deferred<List<InetAddress>> addresses = literal != null
                ? Deferred.succeed(List.of(literal))
                : Resolution.resolve(resolver, host, destination());
        return addresses.addCallbackDeferred(found -> race(found, factory));
    }

    private Deferred<Protocol> race(List<InetAddress> addresses, Factory factory) {
        if (addresses.isEmpty()) {
            throw new DNSLookupError("no results for hostname lookup: " + host);
        }
        List<StreamClientEndpoint> attempts = new ArrayList<>(addresses.size());
        for (InetAddress address : interleaved(addresses)) {
            String literal = address.getHostAddress();
            attempts.add(each -> ConnectingFactory.connect(each,
                    connecting -> tcp.connectTCP(literal, port, connecting, timeout, bindAddress)));
        }
        return ConnectionRace.start(time, attempts, factory, attemptDelay, destination());
    }

    /**
     * Returns {@code addresses} alternating between IPv6 and IPv4, starting with the family of the first,
     * keeping the order within each family.
     */
    static List<InetAddress> interleaved(List<InetAddress> addresses) {
        ArrayDeque<InetAddress> first = new ArrayDeque<>();
        ArrayDeque<InetAddress> other = new ArrayDeque<>();
        boolean firstIsV6 = addresses.get(0) instanceof Inet6Address;
        for (InetAddress address : addresses) {
            (address instanceof Inet6Address == firstIsV6 ? first : other).add(address);
        }
        List<InetAddress> order = new ArrayList<>(addresses.size());
        while (!first.isEmpty() || !other.isEmpty()) {
            if (!first.isEmpty()) {
                order.add(first.poll());
            }
            if (!other.isEmpty()) {
                order.add(other.poll());
            }
        }
        return order;
    }

    private String destination() {
        return (IpLiterals.isIPv6(host) ? "[" + host + "]" : host) + ":" + port;
    }

    /** Returns the host to connect to, as given. */
    public String host() {
        return host;
    }

    /** Returns the port to connect to. */
    public int port() {
        return port;
    }

    /** Returns the timeout of each connection attempt in seconds. */
    public double timeout() {
        return timeout;
    }

    /** Returns the local address to connect from, or null for any. */
    public @Nullable InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** Returns the seconds between the starts of successive attempts. */
    public double attemptDelay() {
        return attemptDelay;
    }

    @Override
    public String toString() {
        return "HostnameEndpoint[" + destination() + "]";
    }
}
