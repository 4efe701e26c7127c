package org.twisted4j.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * The client side of one TLS connection of the load generator: a JDK {@link SSLEngine} over a
 * {@link SocketChannel}, handshaking in blocking mode and then reading and writing without blocking under
 * the caller's {@code Selector}, as {@link BulkLoad} drives a plain channel.
 *
 * <p>Ciphertext that the socket did not take waits in this object ({@link #wantsWrite()}); ciphertext read is
 * decrypted at once, so a read's destination must have room for {@link #READ_ROOM} bytes.
 *
 * <p>Threading: one thread.
 */
final class TlsClientChannel implements AutoCloseable {

    /** Room a destination of {@link #read} must have: everything one read can bring, decrypted. */
    static final int READ_ROOM = 1 << 17;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;     // ciphertext read and not yet decrypted; filling
    private final ByteBuffer netOut;    // ciphertext made and not yet written; draining

    private TlsClientChannel(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(Math.min(4 * packet, READ_ROOM / 2));
        this.netOut = ByteBuffer.allocateDirect(packet).flip();
    }

    /**
     * Connects to {@code server} and completes the TLS handshake; returns with the channel non-blocking.
     *
     * @param options makes the client engine (and checks the server's certificate)
     * @throws IOException if connecting or the handshake fails
     */
    static TlsClientChannel connect(InetSocketAddress server, TlsOptions options) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        try {
            SSLEngine engine = options.newEngine(server.getHostString(), server.getPort());
            engine.setUseClientMode(true);
            TlsClientChannel tls = new TlsClientChannel(channel, engine);
            tls.handshake();
            channel.configureBlocking(false);
            return tls;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void handshake() throws IOException {
        ByteBuffer ignored = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult result = engine.wrap(EMPTY, netOut);
                    netOut.flip();
                    while (netOut.hasRemaining()) {
                        channel.write(netOut);
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the handshake ended with the engine closed");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = engine.unwrap(netIn.flip(), ignored.clear());
                    netIn.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                        throw new EOFException("the server closed the connection during the handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    /** Returns the socket, to register with a selector. */
    SocketChannel channel() {
        return channel;
    }

    /** Returns the protocol and cipher suite agreed on, such as {@code TLSv1.3/TLS_AES_256_GCM_SHA384}. */
    String agreed() {
        return engine.getSession().getProtocol() + "/" + engine.getSession().getCipherSuite();
    }

    /** Returns whether ciphertext waits for the socket to take it. */
    boolean wantsWrite() {
        return netOut.hasRemaining();
    }

    /**
     * Writes waiting ciphertext, then encrypts and writes from {@code src} while the socket takes it.
     *
     * @return the plaintext bytes taken from {@code src}
     * @throws IOException if the socket fails or the engine is closed
     */
    int write(ByteBuffer src) throws IOException {
        int taken = 0;
        while (flush() && src.hasRemaining()) {
            SSLEngineResult result = engine.wrap(src, netOut.clear());
            netOut.flip();
            taken += result.bytesConsumed();
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("cannot encrypt: " + result.getStatus());
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        }
        return taken;
    }

    private boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads what the socket has and decrypts it into {@code dst}, which must have {@link #READ_ROOM} bytes
     * of room.
     *
     * @return the plaintext bytes added to {@code dst}; -1 if the server closed the connection
     * @throws IOException if the socket fails or a record does not decrypt
     */
    int read(ByteBuffer dst) throws IOException {
        int n = channel.read(netIn);
        int produced = 0;
        netIn.flip();
        while (netIn.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(netIn, dst);
            produced += result.bytesProduced();
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    throw new IllegalStateException("the read destination has too little room");
                }
                break;   // an incomplete record waits for more, or the server closed its side
            }
        }
        netIn.compact();
        return n < 0 && produced == 0 ? -1 : produced;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
