package org.twisted4j.testing;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Transport;

/**
 * A {@link LoopbackTransport} below its TLS layer, after {@code startTLS}: each call goes straight to the
 * transport's buffers and flags, bypassing the layer its public methods now lead to.
 */
final class LoopbackRawSide implements Transport {
    private final LoopbackTransport transport;

    LoopbackRawSide(LoopbackTransport transport) {
        this.transport = transport;
    }

    @Override
    public void write(ByteBuffer data) {
        transport.rawWrite(data);
    }

    @Override
    public void loseConnection() {
        transport.rawLoseConnection();
    }

    @Override
    public void abortConnection() {
        transport.rawAbortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport.rawIsDisconnecting();
    }

    @Override
    public Address getPeer() {
        return transport.getPeer();
    }

    @Override
    public Address getHost() {
        return transport.getHost();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        transport.rawRegisterProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport.rawUnregisterProducer();
    }

    @Override
    public void pauseProducing() {
        transport.setReadPaused(true);
    }

    @Override
    public void resumeProducing() {
        transport.setReadPaused(false);
    }

    @Override
    public void stopProducing() {
        transport.rawLoseConnection();
    }

    @Override
    public String toString() {
        return "LoopbackRawSide[" + transport + "]";
    }
}
