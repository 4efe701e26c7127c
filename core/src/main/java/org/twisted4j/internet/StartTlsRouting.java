package org.twisted4j.internet;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsProtocol;

/**
 * Where the traffic of a {@link StreamConnection} goes, before and after STARTTLS. Before, the protocol's
 * writes, closes, producers and pauses go to the {@link SocketSide}, and what is read goes to the protocol.
 * After {@link #startTls}, both go through a {@link TlsProtocol}: it encrypts for the socket, which it
 * reaches through that same {@link SocketSide}, and decrypts for the protocol. Reactor thread only.
 */
final class StartTlsRouting {
    private final Protocol protocol;
    private final SocketSide socketSide;
    private final StreamWriter writer;
    private @Nullable TlsProtocol tls;

    /**
     * Routes the traffic between {@code protocol} and the socket of {@code socketSide}.
     *
     * @param writer the write side of the connection, whose registered producer moves over the TLS layer
     */
    StartTlsRouting(Protocol protocol, SocketSide socketSide, StreamWriter writer) {
        this.protocol = protocol;
        this.socketSide = socketSide;
        this.writer = writer;
    }

    /** Returns where the protocol's calls go: the TLS layer once it has started, else the socket side. */
    Transport front() {
        TlsProtocol layer = tls;
        return layer != null ? layer : socketSide;
    }

    /** Returns what receives the bytes read: the TLS layer once it has started, else the protocol. */
    Protocol receiver() {
        TlsProtocol layer = tls;
        return layer != null ? layer : protocol;
    }

    /** Returns whether TLS has started. */
    boolean tlsStarted() {
        return tls != null;
    }

    /**
     * Slides a TLS layer between the socket and the protocol, which keeps its transport; the connection has
     * checked that TLS has not started and that it is open. Bytes queued so far stay ahead of the first TLS
     * record, and a registered producer is registered again through the layer, so that its writes are
     * encrypted.
     *
     * @return the layer
     */
    TlsProtocol startTls(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
        return socketSide.startTls(protocol, options, client, alreadyReceived, writer.producer(), writer.streaming(),
                layer -> tls = layer);
    }
}
