package org.twisted4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One load-generator connection to the echo server, plain or TLS ({@link TlsClientChannel}, with
 * {@code --tls}): what the scenarios read from and write to, whichever it is.
 *
 * <p>Threading: one thread.
 *
 * @param channel the socket, to register with a selector
 * @param tls the TLS side, or null for plain TCP
 */
record EchoLink(SocketChannel channel, TlsClientChannel tls) implements AutoCloseable {

    /** Room a read's destination must have: {@link TlsClientChannel#READ_ROOM}, enough for plain reads too. */
    static final int READ_ROOM = TlsClientChannel.READ_ROOM;

    /**
     * Connects to {@code server}, and with {@code --tls} completes the handshake; the channel is left
     * blocking for a plain connection, non-blocking for TLS.
     *
     * @throws IOException if connecting or the handshake fails
     */
    static EchoLink open(InetSocketAddress server, LoadOptions options) throws IOException {
        if (options.tlsTrust().isEmpty()) {
            return new EchoLink(SocketChannel.open(server), null);
        }
        TlsClientChannel tls = TlsClientChannel.connect(server, options.tlsOptions());
        return new EchoLink(tls.channel(), tls);
    }

    /** Reads plaintext into {@code dst}; returns how much, or -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException {
        return tls != null ? tls.read(dst) : channel.read(dst);
    }

    /** Writes plaintext from {@code src} while the socket takes it; returns how much was taken. */
    int write(ByteBuffer src) throws IOException {
        return tls != null ? tls.write(src) : channel.write(src);
    }

    /** Returns whether bytes already taken wait for the socket (TLS records not yet written). */
    boolean wantsWrite() {
        return tls != null && tls.wantsWrite();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
