package org.twisted4j.nativeio;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;

/**
 * The socket side of a {@link NativeConnection} once STARTTLS has begun: the TLS layer writes its records, closes
 * and registers producers here, and each call goes straight to the connection's channel, while the protocol's own
 * calls on the connection go through the layer. As core's stream connections do it, so a protocol keeps its
 * transport across the switch. Reactor thread only.
 */
final class NativeSocketSide implements Transport {
    private final NativeConnection connection;

    private NativeSocketSide(NativeConnection connection) {
        this.connection = connection;
    }

    /**
     * Slides a TLS layer between the socket of {@code connection} and {@code protocol}, which keeps its transport:
     * bytes written so far go out first, in the clear; a producer registered on the socket is registered again
     * through the layer, so that its writes are encrypted; {@code alreadyReceived} is decrypted first. The caller
     * has checked that TLS has not started and that the connection is open, and routes through the layer
     * returned from now on.
     */
    static TlsProtocol startTls(NativeConnection connection, Protocol protocol, TlsOptions options, boolean client,
            ByteBuffer alreadyReceived, @Nullable Producer producer, boolean streaming) {
        Address peer = connection.getPeer();
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
        NativeSocketSide socket = new NativeSocketSide(connection);
        if (producer != null) {
            socket.unregisterProducer(); // it moves over the TLS layer
        }
        connection.routeThrough(layer);
        layer.makeConnection(socket);
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
        return "NativeSocketSide[" + connection + "]";
    }
}
