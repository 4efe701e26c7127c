package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 section 7.2.1): compresses a message, or each piece of a
 * streamed one, with a sync flush so each piece can go out at once, and removes the {@code 00 00 ff ff} that
 * ends the message. Java's {@link Deflater} always uses a 15-bit window, which is why a peer's request for a
 * smaller {@code server_max_window_bits} (when we serve) is declined.
 */
final class MessageDeflater {
    private static final int TAIL_LENGTH = 4;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final boolean resetEachMessage;

    /** @param resetEachMessage whether no context takeover was agreed for this side's compressor */
    MessageDeflater(boolean resetEachMessage) {
        this.resetEachMessage = resetEachMessage;
    }

    /**
     * Compresses the bytes between {@code data}'s position and limit, the next piece of a message.
     *
     * @param last whether the message ends with this piece
     * @return the compressed bytes, a new buffer
     */
    ByteBuffer compress(ByteBuffer data, boolean last) {
        deflater.setInput(data);
        byte[] out = new byte[Math.max(64, data.remaining() / 2 + 64)];
        int size = 0;
        while (true) {
            int n = deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            size += n;
            if (size < out.length) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        data.position(data.limit());
        if (!last) {
            return ByteBuffer.wrap(out, 0, size);
        }
        if (resetEachMessage) {
            deflater.reset();
        }
        if (size < TAIL_LENGTH) {
            // Nothing new to flush: one empty stored block's first byte, which the tail completes.
            return ByteBuffer.wrap(new byte[1]);
        }
        return ByteBuffer.wrap(out, 0, size - TAIL_LENGTH);
    }

    /** Frees the native memory; the deflater cannot be used afterwards. */
    void release() {
        deflater.end();
    }
}
