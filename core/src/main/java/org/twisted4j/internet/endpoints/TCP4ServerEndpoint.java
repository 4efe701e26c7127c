package org.twisted4j.internet.endpoints;

import org.twisted4j.internet.ReactorTCP;

/**
 * Listens on a TCP port over IPv4, as Twisted's {@code TCP4ServerEndpoint}; description {@code tcp:PORT}.
 *
 * <pre>{@code
 * new TCP4ServerEndpoint(reactor, 8080, 50, "127.0.0.1").listen(factory);
 * }</pre>
 * Port 0 asks the system for a free port; the listening port's {@code getHost()} tells which.
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #listen} belongs to the reactor thread.
 */
public final class TCP4ServerEndpoint extends TcpServerEndpoint {

    /**
     * Creates an endpoint for {@code port} on every IPv4 interface with the default backlog.
     *
     * @param reactor the reactor that listens
     * @param port the port, 0 for any free one
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public TCP4ServerEndpoint(ReactorTCP reactor, int port) {
        this(reactor, port, ReactorTCP.DEFAULT_BACKLOG, "");
    }

    /**
     * Creates an endpoint.
     *
     * @param reactor the reactor that listens
     * @param port the port, 0 for any free one
     * @param backlog how many connections may wait to be accepted
     * @param bindInterface the local address to listen on; empty for every interface
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code backlog} is negative
     */
    public TCP4ServerEndpoint(ReactorTCP reactor, int port, int backlog, String bindInterface) {
        super(reactor, port, backlog, bindInterface);
    }

    @Override
    public String toString() {
        return "TCP4ServerEndpoint[" + (bindInterface().isEmpty() ? "*" : bindInterface()) + ":" + port() + "]";
    }
}
