package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;

/**
 * Listens on a TCP port over IPv6, as Twisted's {@code TCP6ServerEndpoint}; description {@code tcp6:PORT}.
 *
 * <pre>{@code
 * new TCP6ServerEndpoint(reactor, 8080, 50, "::1").listen(factory);
 * }</pre>
 * Port 0 asks the system for a free port; the listening port's {@code getHost()} tells which.
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #listen} belongs to the reactor thread.
 */
public final class TCP6ServerEndpoint implements StreamServerEndpoint {

    /** The interface a TCP6 server listens on by default: {@code ::}, every interface. */
    public static final String ALL_INTERFACES = "::";

    private final ReactorTCP reactor;
    private final int port;
    private final int backlog;
    private final String bindInterface;

    /**
     * Creates an endpoint for {@code port} on every interface ({@code ::}, which on most systems takes IPv4
     * connections too) with the default backlog.
     *
     * @param reactor the reactor that listens
     * @param port the port, 0 for any free one
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public TCP6ServerEndpoint(ReactorTCP reactor, int port) {
        this(reactor, port, ReactorTCP.DEFAULT_BACKLOG, ALL_INTERFACES);
    }

    /**
     * Creates an endpoint.
     *
     * @param reactor the reactor that listens
     * @param port the port, 0 for any free one
     * @param backlog how many connections may wait to be accepted
     * @param bindInterface the local address to listen on; {@link #ALL_INTERFACES} for every one
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code backlog} is negative
     */
    public TCP6ServerEndpoint(ReactorTCP reactor, int port, int backlog, String bindInterface) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = Checks.port(port);
        this.backlog = Checks.backlog(backlog);
        this.bindInterface = Objects.requireNonNull(bindInterface, "bindInterface");
    }

    /** Listens with the reactor's {@code listenTCP}; a {@code CannotListenError} fails the Deferred. */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return Checks.listen(() -> reactor.listenTCP(port, factory, backlog, bindInterface));
    }

    /** Returns the port asked for. */
    public int port() {
        return port;
    }

    /** Returns the backlog. */
    public int backlog() {
        return backlog;
    }

    /** Returns the interface to listen on. */
    public String bindInterface() {
        return bindInterface;
    }

    @Override
    public String toString() {
        return "TCP6ServerEndpoint[" + "[" + bindInterface + "]:" + port + "]";
    }
}
