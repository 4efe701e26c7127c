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
         * Offers to take the packet that starts now into a buffer of the sink's own instead of a new array, to
         * spare a copy of bulk data. Asked once per packet within the limit, when its type octet has arrived.
         * Returns null (the default) for {@link #packet(byte[])}, or a buffer with at least {@code length}
         * octets after its position, which the packet is then read into and given to {@link #packet(ByteBuffer)}.
         *
         * @param type the packet's type octet
         * @param length the packet's length, type octet included
         */
        default @Nullable ByteBuffer buffer(int type, int length) {
            return null;
        }

        /**
         * A whole packet read into the buffer {@link #buffer} gave, between its position (the type octet) and
         * its limit. Called only for buffers the sink gave.
         */
        default void packet(ByteBuffer payload) {
            throw new IllegalStateException("a buffer was given but is not taken");
        }
    }

    private final int maxPacket;
    private final Sink sink;
    private final byte[] header = new byte[9];
    private int headerFill;
    private byte[] body = new byte[0];
    /** The sink's buffer the packet being read goes to, or null for {@link #body}. */
    private @Nullable ByteBuffer into;
    private int intoStart;
    private boolean inPacket;
    private int bodyFill;
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
        return headerFill + bodyFill;
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
            if (!inPacket) {
                start((int) length, data.get(data.position()) & 0xff);
            }
            int take = Math.min(data.remaining(), (int) length - bodyFill);
            ByteBuffer target = into;
            if (target != null) {
                target.put(intoStart + bodyFill, data, data.position(), take);
                data.position(data.position() + take);
            } else {
                data.get(body, bodyFill, take);
            }
            bodyFill += take;
            if (bodyFill == length) {
                bodyFill = 0;
                headerFill = 0;
                inPacket = false;
                if (target != null) {
                    into = null;
                    sink.packet(target.limit(intoStart + (int) length).position(intoStart));
                } else {
                    byte[] payload = body;
                    body = new byte[0];
                    sink.packet(payload);
                }
            }
        }
    }

    /** Starts reading a packet's octets: into the sink's buffer if it gives one, else into a new array. */
    private void start(int length, int type) {
        ByteBuffer offered = sink.buffer(type, length);
        if (offered != null) {
            if (offered.remaining() < length) {
                throw new IllegalStateException("the sink's buffer holds " + offered.remaining() + " of " + length);
            }
            into = offered;
            intoStart = offered.position();
        } else {
            body = new byte[length];
        }
        inPacket = true;
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
