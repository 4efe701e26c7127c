package org.twisted4j.internet.endpoints;

import java.nio.ByteBuffer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.Protocol;

/**
 * Stands between a client connection and the user's protocol until the connection is made, then passes
 * every event through: on {@code connectionMade} it connects the user's protocol to the same transport and
 * fires the endpoint's Deferred with it. If the user's protocol can be half-closed, so can this one.
 */
class ConnectedProtocol extends Protocol {

    private final Deferred<Protocol> onConnection;
    private final Protocol wrapped;
    private boolean connected;

    ConnectedProtocol(Deferred<Protocol> onConnection, Protocol wrapped) {
        this.onConnection = onConnection;
        this.wrapped = wrapped;
    }

    static ConnectedProtocol wrap(Deferred<Protocol> onConnection, Protocol wrapped) {
        return wrapped instanceof HalfCloseableProtocol
                ? new HalfCloseable(onConnection, wrapped)
                : new ConnectedProtocol(onConnection, wrapped);
    }

    /** Returns the user's protocol. */
    final Protocol wrapped() {
        return wrapped;
    }

    /** Returns whether the user's protocol has been connected. */
    final boolean connected() {
        return connected;
    }

    /**
     * Connects the user's protocol and fires the Deferred with it. If the Deferred was cancelled meanwhile,
     * nobody wants the connection, so it is aborted and the user's protocol never sees it. If the user's
     * {@code connectionMade} throws, the Deferred fails with that and the exception goes on to the transport.
     */
    @Override
    public void connectionMade() {
        if (onConnection.isCalled()) {
            transport().abortConnection();
            return;
        }
        connected = true;
        try {
            wrapped.makeConnection(transport());
        } catch (RuntimeException e) {
            onConnection.errback(e);
            throw e;
        }
        onConnection.callback(wrapped);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (connected) {
            wrapped.dataReceived(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (connected) {
            wrapped.connectionLost(reason);
        }
    }

    @Override
    public String toString() {
        return "ConnectedProtocol[" + wrapped + "]";
    }

    /** The variant for a user's protocol that is a {@link HalfCloseableProtocol}. */
    static final class HalfCloseable extends ConnectedProtocol implements HalfCloseableProtocol {

        HalfCloseable(Deferred<Protocol> onConnection, Protocol wrapped) {
            super(onConnection, wrapped);
        }

        @Override
        public void readConnectionLost() {
            if (connected()) {
                ((HalfCloseableProtocol) wrapped()).readConnectionLost();
            }
        }

        @Override
        public void writeConnectionLost() {
            if (connected()) {
                ((HalfCloseableProtocol) wrapped()).writeConnectionLost();
            }
        }
    }
}
