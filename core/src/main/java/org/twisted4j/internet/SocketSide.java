package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;

/**
 * The socket side of a stream connection, on any reactor backend: each call goes straight to the
 * connection's socket through its {@link SocketControls}. The connection's own public methods lead here until
 * STARTTLS; afterwards they lead to the TLS layer, which reaches the socket through here. Reactor thread only.
 */
public final class SocketSide implements WriteQueueTransport {
    private final SocketControls connection;

    /** The socket side of {@code connection}. */
    public SocketSide(SocketControls connection) {
        this.connection = connection;
    }

    /**
     * Slides a TLS layer between this socket and {@code protocol}, which keeps its transport; the connection has
     * checked that TLS has not started and that it is open. Bytes written so far stay ahead of the first TLS
     * record, in the clear; a registered producer is registered again through the layer, so that its writes are
     * encrypted; {@code alreadyReceived} is decrypted first.
     *
     * @param producer the producer registered on the socket, or null
     * @param route called with the layer before it starts, to send the protocol's calls and the bytes read
     *     through it from then on
     * @return the layer
     */
    public TlsProtocol startTls(Protocol protocol, TlsOptions options, boolean client, ByteBuffer alreadyReceived,
            @Nullable Producer producer, boolean streaming, Consumer<TlsProtocol> route) {
        Address peer = getPeer();
        String peerHost = switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            case UNIXAddress a -> null;
        };
        int peerPort = switch (peer) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            case UNIXAddress a -> -1;
        };
        TlsProtocol layer = TlsProtocol.forStartTls(options, client, protocol, peerHost, peerPort);
        if (producer != null) {
            unregisterProducer(); // it moves over the TLS layer
        }
        route.accept(layer);
        layer.makeConnection(this);
        if (producer != null) {
            layer.registerProducer(producer, streaming);
        }
        if (alreadyReceived.hasRemaining()) {
            layer.dataReceived(alreadyReceived);
        }
        return layer;
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
