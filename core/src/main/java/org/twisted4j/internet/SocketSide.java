package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The socket side of a stream connection: each call goes straight to the connection's socket. The
 * connection's own public methods lead here until STARTTLS; afterwards they lead to the TLS layer, which
 * reaches the socket through here. Reactor thread only.
 */
final class SocketSide implements WriteQueueTransport {
    private final StreamConnection connection;

    SocketSide(StreamConnection connection) {
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
    public boolean holdsWrites() {
        return connection.socketHoldsWrites();
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
        return "SocketSide[" + connection + "]";
    }
}
