package org.twisted4j.protocols.tls;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The sending half of a {@link TlsProtocol}: encrypts with the engine into one reused buffer, a few records
 * at a time, and hands each batch to the sink as an exact-size array of its own (the real transport may
 * keep it queued). Reactor thread only.
 */
final class Encryptor {
    /** How many records one pass fills before handing them on. */
    private static final int RECORDS_PER_BATCH = 4;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Consumer<byte[]> sink;
    private ByteBuffer netOut;
    private long lastProduced;

    Encryptor(SSLEngine engine, Consumer<byte[]> sink) {
        this.engine = engine;
        this.sink = sink;
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * RECORDS_PER_BATCH);
    }

    /**
     * Encrypts as much of {@code sources} as the engine takes (all of it unless a handshake intervenes) and
     * hands the records on; with nothing to encrypt, hands on the handshake or alert records the engine has
     * to send.
     *
     * @return the handshake status after the last step
     * @throws SSLException if the engine fails
     */
    HandshakeStatus wrap(ByteBuffer[] sources) throws SSLException {
        HandshakeStatus status;
        lastProduced = 0;
        netOut.clear();
        while (true) {
            int packet = engine.getSession().getPacketBufferSize();
            if (netOut.remaining() < packet) {
                if (netOut.position() == 0) {
                    netOut = ByteBuffer.allocate(packet * RECORDS_PER_BATCH);
                } else {
                    send();
                }
                continue;
            }
            SSLEngineResult result = engine.wrap(sources, netOut);
            status = result.getHandshakeStatus();
            lastProduced += result.bytesProduced();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                send();
                continue;
            }
            boolean more = result.getStatus() == SSLEngineResult.Status.OK && result.bytesProduced() > 0
                    && (remaining(sources) || status == HandshakeStatus.NEED_WRAP);
            if (!more) {
                break;
            }
        }
        send();
        return status;
    }

    /** Returns how many bytes the last {@link #wrap} produced. */
    long lastProduced() {
        return lastProduced;
    }

    /** Closes the sending side and hands on the close_notify (or pending alert); engine errors are ignored. */
    void closeOutbound() {
        engine.closeOutbound();
        try {
            while (!engine.isOutboundDone()) {
                netOut.clear();
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                send();
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            // The session is over either way; the real transport closes next.
        }
    }

    private void send() {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        byte[] records = new byte[netOut.remaining()];
        netOut.get(records);
        netOut.clear();
        sink.accept(records);
    }

    private static boolean remaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
