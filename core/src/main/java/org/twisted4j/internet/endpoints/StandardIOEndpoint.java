package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.StandardIO;

/**
 * The process's standard input and output as an endpoint, as Twisted's {@code StandardIOEndpoint};
 * description {@code stdio:} (no arguments), for servers and clients alike.
 *
 * <pre>{@code
 * printf 'GET / HTTP/1.0\r\n\r\n' | bin/twist --log-file twist.log web --listen stdio:
 * }</pre>
 * {@link #listen} builds one protocol at once and connects it with {@link StandardIO} (there is nothing to
 * accept: the one connection is already there); the port it returns only stops the factory, and cannot
 * listen again. {@link #connect} does the same and fires with the protocol. See {@link StandardIO} for how
 * the transport reads, writes and closes.
 *
 * <h2>Threading</h2>
 * Immutable, so any thread may hold one; {@link #listen} and {@link #connect} belong to the reactor thread.
 */
public final class StandardIOEndpoint implements StreamServerEndpoint, StreamClientEndpoint {

    private final ReactorBackend reactor;

    /**
     * Creates the endpoint.
     *
     * @param reactor the reactor that runs the protocol
     */
    public StandardIOEndpoint(ReactorBackend reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    /**
     * Connects a protocol built by {@code factory} to standard input and output.
     *
     * @return fires with a port whose {@code stopListening} tells the factory {@code doStop} (the connection
     *     stays open, as accepted connections do); fails with an {@link IllegalStateException} if standard
     *     input and output are already in use, or if the factory builds no protocol
     */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        factory.doStart();
        try {
            connect(factory.buildProtocol(StandardIO.ADDRESS));
        } catch (RuntimeException e) {
            factory.doStop();
            return Deferred.fail(e);
        }
        return Deferred.succeed(new Port(factory));
    }

    /**
     * Connects a protocol built by {@code factory} to standard input and output; the factory is told
     * {@code doStart} and {@code doStop} around the building.
     *
     * @return fires with the protocol once its {@code connectionMade} has run; fails as {@link #listen} does
     */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        factory.doStart();
        try {
            return Deferred.succeed(connect(factory.buildProtocol(StandardIO.ADDRESS)));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        } finally {
            factory.doStop();
        }
    }

    private Protocol connect(@Nullable Protocol protocol) {
        if (protocol == null) {
            throw new IllegalStateException("the factory built no protocol for standard input and output");
        }
        StandardIO.connect(reactor, protocol);
        return protocol;
    }

    /** The "port" of a standard-I/O server: its one connection is made at once. */
    private static final class Port implements ListeningPort {
        private final Factory factory;
        private boolean stopped;

        Port(Factory factory) {
            this.factory = factory;
        }

        @Override
        public void startListening() {
            throw new IllegalStateException("standard input and output cannot be listened on again");
        }

        @Override
        public Deferred<@Nullable Void> stopListening() {
            if (!stopped) {
                stopped = true;
                factory.doStop();
            }
            return Deferred.succeed(null);
        }

        @Override
        public Address getHost() {
            return StandardIO.ADDRESS;
        }

        @Override
        public String toString() {
            return "StandardIOPort[" + (stopped ? "stopped" : "connected") + "]";
        }
    }
}
