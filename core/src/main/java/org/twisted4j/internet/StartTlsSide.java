package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The socket side of a stream connection after STARTTLS, as the TLS layer sees it: each call goes straight
 * to the connection's socket, bypassing the TLS layer that the connection's own public methods now lead
 * to. Reactor thread only.
 */
final class StartTlsSide implements Transport {
    private final StreamConnection connection;

    StartTlsSide(StreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void write(ByteBuffer data) {
        connection.rawWrite(data);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        connection.rawWriteSequence(data);
    }

    @Override
    public void loseConnection() {
        connection.rawLoseConnection();
    }

    @Override
    public void abortConnection() {
        connection.rawAbortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return connection.rawIsDisconnecting();
    }

    @Override
    public Address getPeer() {
        return connection.getPeer();
    }

    @Override
    public Address getHost() {
        return connection.getHost();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        connection.rawRegisterProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        connection.rawUnregisterProducer();
    }

    @Override
    public void pauseProducing() {
        connection.rawPauseProducing();
    }

    @Override
    public void resumeProducing() {
        connection.rawResumeProducing();
    }

    @Override
    public void stopProducing() {
        connection.rawLoseConnection();
    }

    @Override
    public String toString() {
        return "StartTlsSide[" + connection + "]";
    }
}
