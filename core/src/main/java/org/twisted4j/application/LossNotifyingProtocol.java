package org.twisted4j.application;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.Protocol;

/**
 * Stands between a connection and the user's protocol, passing every event through, and tells a
 * {@link ClientService} when the connection has been lost (after the user's protocol has heard of it).
 */
class LossNotifyingProtocol extends Protocol {

    private final Protocol wrapped;
    private final Consumer<LossNotifyingProtocol> onLost;

    LossNotifyingProtocol(Protocol wrapped, Consumer<LossNotifyingProtocol> onLost) {
        this.wrapped = wrapped;
        this.onLost = onLost;
    }

    static LossNotifyingProtocol wrap(Protocol wrapped, Consumer<LossNotifyingProtocol> onLost) {
        return wrapped instanceof HalfCloseableProtocol
                ? new HalfCloseable(wrapped, onLost)
                : new LossNotifyingProtocol(wrapped, onLost);
    }

    /** Returns the user's protocol. */
    final Protocol wrapped() {
        return wrapped;
    }

    @Override
    public void connectionMade() {
        wrapped.makeConnection(transport());
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        wrapped.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        try {
            wrapped.connectionLost(reason);
        } finally {
            onLost.accept(this);
        }
    }

    @Override
    public String toString() {
        return "LossNotifyingProtocol[" + wrapped + "]";
    }

    /** The variant for a user's protocol that is a {@link HalfCloseableProtocol}. */
    static final class HalfCloseable extends LossNotifyingProtocol implements HalfCloseableProtocol {

        HalfCloseable(Protocol wrapped, Consumer<LossNotifyingProtocol> onLost) {
            super(wrapped, onLost);
        }

        @Override
        public void readConnectionLost() {
            ((HalfCloseableProtocol) wrapped()).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((HalfCloseableProtocol) wrapped()).writeConnectionLost();
        }
    }
}
