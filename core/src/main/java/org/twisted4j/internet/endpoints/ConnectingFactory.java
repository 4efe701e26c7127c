package org.twisted4j.internet.endpoints;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NoProtocol;
import org.twisted4j.internet.Protocol;

/**
 * The client factory a client endpoint hands the reactor: it builds the user's protocol inside a
 * {@link ConnectedProtocol} and turns the connection's outcome into one Deferred, which fires with the
 * user's protocol on {@code connectionMade} and fails on {@code clientConnectionFailed}. Cancelling that
 * Deferred stops the connector.
 */
final class ConnectingFactory extends ClientFactory {

    private final Factory wrapped;
    private final Deferred<Protocol> onConnection;
    private @Nullable Connector connector;

    ConnectingFactory(Factory wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "factory");
        this.onConnection = new Deferred<>(this::cancel);
    }

    /**
     * Starts the attempt with {@code connect}, which calls the reactor with this factory, and returns the
     * Deferred of its outcome; whatever {@code connect} throws fails that Deferred instead.
     */
    static Deferred<Protocol> connect(Factory factory, Function<ConnectingFactory, Connector> connect) {
        ConnectingFactory connecting = new ConnectingFactory(factory);
        try {
            Connector connector = connect.apply(connecting);
            if (connecting.connector == null) {
                connecting.connector = connector;
            }
        } catch (RuntimeException e) {
            if (!connecting.onConnection.isCalled()) {
                connecting.onConnection.errback(e);
            }
        }
        return connecting.onConnection;
    }

    private void cancel(Deferred<Protocol> cancelled) {
        Connector current = connector;
        if (current == null) {
            cancelled.errback(new ConnectingCancelledError("a destination not yet known"));
            return;
        }
        cancelled.errback(new ConnectingCancelledError(current.getDestination()));
        current.stopConnecting();
    }

    @Override
    public void startedConnecting(Connector connector) {
        this.connector = connector;
    }

    @Override
    protected void startFactory() {
        wrapped.doStart();
    }

    @Override
    protected void stopFactory() {
        wrapped.doStop();
    }

    /** Builds the user's protocol, wrapped; if it throws or gives none, fails the Deferred and gives none. */
    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        Protocol built;
        try {
            built = wrapped.buildProtocol(peer);
        } catch (RuntimeException e) {
            failIfWaiting(new Failure(e));
            return null;
        }
        if (built == null) {
            failIfWaiting(new Failure(new NoProtocol(peer)));
            return null;
        }
        return ConnectedProtocol.wrap(onConnection, built);
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        failIfWaiting(reason);
    }

    private void failIfWaiting(Failure reason) {
        if (!onConnection.isCalled()) {
            onConnection.errback(reason);
        }
    }

    @Override
    public String toString() {
        return "ConnectingFactory[" + wrapped + "]";
    }
}
