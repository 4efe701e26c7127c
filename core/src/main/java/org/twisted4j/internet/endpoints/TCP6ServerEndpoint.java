package org.twisted4j.internet.endpoints;

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
public final class TCP6ServerEndpoint extends TcpServerEndpoint {

    /** The interface a TCP6 server listens on by default: {@code ::}, every interface. */
    public static final String ALL_INTERFACES = "::";

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
        super(reactor, port, backlog, bindInterface);
    }

    @Override
    public String toString() {
        return "TCP6ServerEndpoint[" + "[" + bindInterface() + "]:" + port() + "]";
    }
}
