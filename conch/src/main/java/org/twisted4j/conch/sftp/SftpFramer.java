package org.twisted4j.conch.sftp;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Cuts an SFTP byte stream into packets: each a uint32 length and that many octets. Incremental: a stream split
 * at any octet gives the same packets. A packet longer than the limit is never buffered: its type and request
 * id are reported to {@link Sink#oversized} as soon as they have arrived, and the rest of it is skipped as it
 * comes, so the stream stays in step.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * SftpFramer framer = new SftpFramer(SftpFramer.DEFAULT_MAX_PACKET, sink);
 * framer.feed(bytes);   // calls sink.packet(payload) for each whole packet
 * }</pre>
 *
 * <h2>Threading</h2>
 * Confined to the thread that feeds it (the reactor thread in a server).
 */
public final class SftpFramer {

    /**
     * The default longest packet, length field excluded: 256 KiB, OpenSSH's {@code SFTP_MAX_MSG_LENGTH} (a
     * 255 KiB WRITE and its header fit).
     */
    public static final int DEFAULT_MAX_PACKET = 256 * 1024;

    /** Receives what the framer cuts. */
    public interface Sink {
        /** A whole packet: its type octet and what follows (never empty). */
        void packet(byte[] payload);

        /**
         * A packet over the limit, which will be skipped.
         *
         * @param type its type octet
         * @param requestId its request id (unsigned), or {@link SftpProtocolException#NO_ID} for INIT and VERSION
         * @param length its announced length
         */
        void oversized(int type, long requestId, long length);

        /** A packet with a length of zero, which has no type (it is skipped). */
        default void empty() {
        }

        /**
         * Returns where a packet of {@code length} octets is to be gathered, for a sink that takes packets in
         * buffers of its own (a pool of direct buffers, so that a WRITE's data reaches a file without another
         * copy): the framer fills it from position 0 to {@code length} and hands it to {@link #packet(ByteBuffer)}.
         * Null, the default, gathers the packet in a new array for {@link #packet(byte[])}.
         *
         * @param length the packet's length (at least 1, at most the framer's limit)
         */
        default @Nullable ByteBuffer buffer(int length) {
            return null;
        }

        /**
         * A whole packet gathered in the buffer {@link #buffer(int)} gave, flipped (position 0, limit its
         * length). The sink owns the buffer again.
         */
        default void packet(ByteBuffer payload) {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            packet(copy);
        }
    }

    private final int maxPacket;
    private final Sink sink;
    private final byte[] header = new byte[9];
    private int headerFill;
    private byte[] body = new byte[0];
    private int bodyFill;
    /** The sink's buffer the packet being read is gathered in, if it gave one. */
    private @Nullable ByteBuffer given;
    private long skipping;

    /**
     * A framer.
     *
     * @param maxPacket the longest packet accepted, length field excluded (at least 9)
     * @param sink what receives the packets
     */
    public SftpFramer(int maxPacket, Sink sink) {
        if (maxPacket < 9) {
            throw new IllegalArgumentException("maxPacket must be at least 9");
        }
        this.maxPacket = maxPacket;
        this.sink = sink;
    }

    /** The octets held for a packet not yet whole (bounded by the limit). */
    public int buffered() {
        ByteBuffer into = given;
        return headerFill + bodyFill + (into != null ? into.position() : 0);
    }

    /** Consumes all of {@code data}, reporting each packet it completes. */
    public void feed(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (skipping > 0) {
                int skip = (int) Math.min(skipping, data.remaining());
                data.position(data.position() + skip);
                skipping -= skip;
                continue;
            }
            if (headerFill < 4) {
                header[headerFill++] = data.get();
                if (headerFill == 4 && length() == 0) {
                    headerFill = 0;
                    sink.empty();
                }
                continue;
            }
            long length = length();
            if (length > maxPacket) {
                header[headerFill++] = data.get();
                int type = header[4] & 0xff;
                int need = type == SftpConstants.FXP_INIT || type == SftpConstants.FXP_VERSION ? 5 : 9;
                if (headerFill < need) {
                    continue;
                }
                long id = need == 9 ? (((header[5] & 0xffL) << 24) | ((header[6] & 0xff) << 16)
                        | ((header[7] & 0xff) << 8) | (header[8] & 0xff)) : SftpProtocolException.NO_ID;
                skipping = length - (need - 4);
                headerFill = 0;
                sink.oversized(type, id, length);
                continue;
            }
            ByteBuffer into = given;
            if (into == null && bodyFill == 0 && body.length != length) {
                into = sink.buffer((int) length);
                if (into != null) {
                    given = into.clear().limit((int) length);
                } else {
                    body = new byte[(int) length];
                }
            }
            if (into != null) {
                int take = Math.min(data.remaining(), into.remaining());
                into.put(into.position(), data, data.position(), take);
                into.position(into.position() + take);
                data.position(data.position() + take);
                if (!into.hasRemaining()) {
                    given = null;
                    headerFill = 0;
                    sink.packet(into.flip());
                }
                continue;
            }
            int take = Math.min(data.remaining(), body.length - bodyFill);
            data.get(body, bodyFill, take);
            bodyFill += take;
            if (bodyFill == body.length) {
                byte[] payload = body;
                body = new byte[0];
                bodyFill = 0;
                headerFill = 0;
                sink.packet(payload);
            }
        }
    }

    private long length() {
        return ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
    }

    @Override
    public String toString() {
        return "SftpFramer[max " + maxPacket + ", holding " + buffered() + "]";
    }
}
