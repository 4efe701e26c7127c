package org.twisted4j.protocols.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The sending half of a {@link TlsProtocol}: encrypts with the engine into a record buffer, a few records at
 * a time, and hands each batch to the sink. Reactor thread only.
 *
 * <p>The record buffer is the thread's, not the connection's: it is taken for the length of one call and
 * given back at its end, so that every connection of a reactor shares one (a connection holds none between
 * writes, and the buffer lives long enough that young collections stop copying it), and a call made while
 * another is under way on the same thread (a transport that delivers in place to another TLS connection)
 * makes a buffer of its own.
 *
 * <p>The buffer is reused from batch to batch as long as the real transport lets go of it: when the sink
 * says the transport holds nothing, the buffer itself is written (on a socket with room, it is sent before
 * the write returns), and filled again afterwards if the transport still holds nothing. When the
 * transport holds earlier writes, what is written now would be kept behind them: then the batch goes out as
 * an exact-size copy, and the buffer stays here. Should the transport keep the buffer itself (the socket
 * took only part of it), the buffer is left to it and the next batch gets a new one; the bytes it keeps are
 * never overwritten.
 */
final class Encryptor {
    /** How many records one pass fills before handing them on. */
    static final int RECORDS_PER_BATCH = 4;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Each thread's record buffer between calls; empty while a call has it, or the transport kept it. */
    private static final ThreadLocal<@Nullable ByteBuffer> SPARE = new ThreadLocal<>();

    /** Where the records go: the real transport, through the {@link TlsProtocol}. */
    interface Sink {
        /** Writes {@code records} to the real transport, unless the connection is over. */
        void write(ByteBuffer records);

        /**
         * Returns whether the real transport may keep a buffer written to it now, or still keeps one written
         * before: true when it holds earlier writes, or cannot say.
         */
        boolean mayKeep();
    }

    private final SSLEngine engine;
    private final Sink sink;
    /**
     * The buffer records are made in during a call; null between calls, and while none is at hand (the last
     * one was left to the transport).
     */
    private @Nullable ByteBuffer netOut;
    private long lastProduced;

    Encryptor(SSLEngine engine, Sink sink) {
        this.engine = engine;
        this.sink = sink;
    }

    /**
     * Encrypts as much of the first {@code count} of {@code sources} as the engine takes (all of it unless a
     * handshake intervenes) and hands the records on; with nothing to encrypt, hands on the handshake or alert
     * records the engine has to send.
     *
     * @return the handshake status after the last step
     * @throws SSLException if the engine fails
     */
    HandshakeStatus wrap(ByteBuffer[] sources, int count) throws SSLException {
        try {
            return wrapInto(sources, count);
        } finally {
            giveBack();
        }
    }

    private HandshakeStatus wrapInto(ByteBuffer[] sources, int count) throws SSLException {
        HandshakeStatus status;
        lastProduced = 0;
        while (true) {
            int packet = engine.getSession().getPacketBufferSize();
            ByteBuffer out = buffer(packet);
            if (out.remaining() < packet) {
                if (out.position() == 0) {
                    netOut = ByteBuffer.allocate(packet * RECORDS_PER_BATCH); // the session's records grew
                } else {
                    send();
                }
                continue;
            }
            SSLEngineResult result = engine.wrap(sources, 0, count, out);
            status = result.getHandshakeStatus();
            lastProduced += result.bytesProduced();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                send();
                continue;
            }
            boolean more = result.getStatus() == SSLEngineResult.Status.OK && result.bytesProduced() > 0
                    && (remaining(sources, count) || status == HandshakeStatus.NEED_WRAP);
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
                ByteBuffer out = buffer(engine.getSession().getPacketBufferSize());
                SSLEngineResult result = engine.wrap(EMPTY, out);
                send();
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            // The session is over either way; the real transport closes next.
        } finally {
            giveBack();
        }
    }

    /**
     * Returns the buffer records are made in: the one this call holds, else the thread's, else a new one
     * (room for a batch of records).
     */
    private ByteBuffer buffer(int packet) {
        ByteBuffer out = netOut;
        if (out == null) {
            out = SPARE.get();
            if (out != null && out.capacity() >= packet * RECORDS_PER_BATCH) {
                SPARE.remove();
                out.clear();
            } else {
                out = ByteBuffer.allocate(packet * RECORDS_PER_BATCH);
            }
            netOut = out;
        }
        return out;
    }

    /** Ends a call: the buffer it holds, if the transport did not keep it, becomes the thread's again. */
    private void giveBack() {
        ByteBuffer out = netOut;
        netOut = null;
        if (out != null && SPARE.get() == null) {
            SPARE.set(out);
        }
    }

    /** Hands the records made so far to the sink: the buffer itself if the transport holds nothing, else a copy. */
    private void send() {
        ByteBuffer out = netOut;
        if (out == null || out.position() == 0) {
            return;
        }
        out.flip();
        if (sink.mayKeep()) {
            ByteBuffer copy = ByteBuffer.allocate(out.remaining()).put(out).flip();
            out.clear();
            sink.write(copy);
            return;
        }
        // Lent to the transport: a write made during the call (by a producer told to pause, say) makes its
        // records in a buffer of its own.
        netOut = null;
        sink.write(out);
        if (!sink.mayKeep()) {
            out.clear();
            if (netOut == null) {
                netOut = out;
            }
        }
    }

    private static boolean remaining(ByteBuffer[] buffers, int count) {
        for (int i = 0; i < count; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
