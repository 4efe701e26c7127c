package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;

/**
 * What {@link TCP4ServerEndpoint} and {@link TCP6ServerEndpoint} share: the reactor, port, backlog and
 * interface they listen with, and the listen itself. Immutable; {@link #listen} belongs to the reactor thread.
 */
abstract sealed class TcpServerEndpoint implements StreamServerEndpoint
        permits TCP4ServerEndpoint, TCP6ServerEndpoint {

    private final ReactorTCP reactor;
    private final int port;
    private final int backlog;
    private final String bindInterface;

    TcpServerEndpoint(ReactorTCP reactor, int port, int backlog, String bindInterface) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = Checks.port(port);
        this.backlog = Checks.backlog(backlog);
        this.bindInterface = Objects.requireNonNull(bindInterface, "bindInterface");
    }

    /** Listens with the reactor's {@code listenTCP}; a {@code CannotListenError} fails the Deferred. */
    @Override
    public final Deferred<ListeningPort> listen(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        return Checks.listen(() -> reactor.listenTCP(port, factory, backlog, bindInterface));
    }

    /**
     * Returns the port asked for.
     *
     * @return the port, 0 for any free one
     */
    public final int port() {
        return port;
    }

    /**
     * Returns the backlog.
     *
     * @return how many connections may wait to be accepted
     */
    public final int backlog() {
        return backlog;
    }

    /**
     * Returns the interface to listen on.
     *
     * @return the local address; for TCP4 empty means every interface, for TCP6 {@code ::} does
     */
    public final String bindInterface() {
        return bindInterface;
    }
}
