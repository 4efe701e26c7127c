package org.twisted4j.protocols.policies;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * A factory that wraps another factory and each protocol it builds, and keeps track of the open
 * connections, as Twisted's {@code WrappingFactory}. It is the base of the policies in this package; on
 * its own it changes nothing but records {@link #protocols()}.
 *
 * <pre>{@code
 * WrappingFactory tracked = new WrappingFactory(Factory.forProtocol(Echo::new));
 * reactor.listenTCP(7, tracked);
 * ...
 * tracked.protocols().forEach(ProtocolWrapper::loseConnection);   // close every open connection
 * }</pre>
 *
 * <p>Subclasses choose their wrapper by overriding {@link #wrapProtocol}, and may refuse connections by
 * overriding {@link #buildProtocol} (calling {@link #wrap} for the ones they accept). Starting and
 * stopping are passed on: the wrapped factory is started when this one starts and stopped when it stops.
 * As a client factory it passes connection events on when the wrapped factory is a {@link ClientFactory}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class WrappingFactory extends ClientFactory {

    private final Factory wrappedFactory;
    private final Set<ProtocolWrapper> protocols = new LinkedHashSet<>();

    /**
     * Wraps {@code wrappedFactory}.
     *
     * @param wrappedFactory the factory that builds the real protocols
     */
    public WrappingFactory(Factory wrappedFactory) {
        this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
    }

    /** Returns the factory that builds the real protocols. */
    public final Factory wrappedFactory() {
        return wrappedFactory;
    }

    /** Returns the wrappers of the open connections, in the order they connected; a read-only live view. */
    public final Set<ProtocolWrapper> protocols() {
        return Collections.unmodifiableSet(protocols);
    }

    /**
     * Builds the wrapped factory's protocol and wraps it, or returns null if the wrapped factory refuses
     * the connection.
     */
    @Override
    public @Nullable ProtocolWrapper buildProtocol(Address peer) {
        Protocol wrapped = wrappedFactory.buildProtocol(peer);
        return wrapped == null ? null : wrap(wrapped, peer);
    }

    /**
     * Wraps {@code wrapped} with {@link #wrapProtocol} and records this factory in the wrapper.
     *
     * @param wrapped the protocol to wrap
     * @param peer the address of the other end
     * @return the wrapper
     */
    protected final ProtocolWrapper wrap(Protocol wrapped, Address peer) {
        ProtocolWrapper wrapper = wrapProtocol(wrapped, peer);
        wrapper.setFactory(this);
        return wrapper;
    }

    /**
     * Makes the wrapper for one connection; a plain {@link ProtocolWrapper} by default.
     *
     * @param wrapped the protocol the wrapped factory built
     * @param peer the address of the other end
     * @return a new wrapper around {@code wrapped}
     */
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        return new ProtocolWrapper(this, wrapped);
    }

    /**
     * Records an open connection; called by the wrapper when it is connected. Overrides must call this one.
     *
     * @param protocol the wrapper
     */
    protected void registerProtocol(ProtocolWrapper protocol) {
        protocols.add(protocol);
    }

    /**
     * Forgets a connection; called by the wrapper when the connection is lost. Overrides must call this one.
     *
     * @param protocol the wrapper
     */
    protected void unregisterProtocol(ProtocolWrapper protocol) {
        protocols.remove(protocol);
    }

    /** Starts the wrapped factory. */
    @Override
    protected void startFactory() {
        wrappedFactory.doStart();
    }

    /** Stops the wrapped factory. */
    @Override
    protected void stopFactory() {
        wrappedFactory.doStop();
    }

    @Override
    public void startedConnecting(Connector connector) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.startedConnecting(connector);
        }
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.clientConnectionFailed(connector, reason);
        }
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory client) {
            client.clientConnectionLost(connector, reason);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + wrappedFactory + "]";
    }
}
