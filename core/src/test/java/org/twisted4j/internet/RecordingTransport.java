package org.twisted4j.internet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** A bare transport for this package's tests: keeps what is written, does nothing else. */
final class RecordingTransport implements Transport {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean lost;
    @Nullable Producer producer;

    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        while (view.hasRemaining()) {
            written.write(view.get());
        }
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        this.producer = producer;
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    @Override
    public void loseConnection() {
        lost = true;
    }

    @Override
    public void abortConnection() {
        lost = true;
    }

    @Override
    public Address getPeer() {
        return new IPv4Address(AddressType.TCP, "192.0.2.2", 40000);
    }

    @Override
    public Address getHost() {
        return new IPv4Address(AddressType.TCP, "192.0.2.1", 80);
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void stopProducing() {
        lost = true;
    }
}
