package org.twisted4j.conch.sftp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers that large SFTP packets are read into, so that data goes from the buffer to the file with no
 * copy in between (a heap array would be copied again into a temporary direct buffer by the JDK): the server's
 * WRITE requests and the client's DATA replies. Sizes
 * are powers of two from {@link #MIN_POOLED} (rounded up) to the largest packet; a buffer given back is kept for
 * the next packet of its size, up to a bound per size, beyond which it is left to the garbage collector.
 *
 * <h2>Threading</h2>
 * Confined to one thread (the reactor's): buffers are taken and given back there.
 */
final class PacketBuffers {

    /** The shortest packet worth a pooled buffer; shorter ones are read into arrays. */
    static final int MIN_POOLED = 8192;

    private final List<ArrayDeque<ByteBuffer>> free = new ArrayList<>();
    private final int keep;

    /**
     * A pool.
     *
     * @param keep the most buffers of one size kept for reuse
     */
    PacketBuffers(int keep) {
        this.keep = keep;
        for (int i = 0; i <= sizeClass(SftpFramer.DEFAULT_MAX_PACKET); i++) {
            free.add(new ArrayDeque<>());
        }
    }

    /** The index of the smallest size that holds {@code length}: {@code MIN_POOLED << index}. */
    private static int sizeClass(int length) {
        int size = Math.max(MIN_POOLED, Integer.highestOneBit(Math.max(1, length - 1)) << 1);
        return Integer.numberOfTrailingZeros(size) - Integer.numberOfTrailingZeros(MIN_POOLED);
    }

    /** Returns a cleared buffer of at least {@code length} octets. */
    ByteBuffer take(int length) {
        int index = sizeClass(length);
        if (index < free.size()) {
            ByteBuffer kept = free.get(index).poll();
            if (kept != null) {
                return kept.clear();
            }
        }
        return ByteBuffer.allocateDirect(MIN_POOLED << index);
    }

    /** Gives a buffer {@link #take} returned back for reuse. */
    void give(ByteBuffer buffer) {
        int index = sizeClass(buffer.capacity());
        if (index >= free.size() || (MIN_POOLED << index) != buffer.capacity()) {
            return;
        }
        ArrayDeque<ByteBuffer> sized = free.get(index);
        if (sized.size() < keep) {
            sized.add(buffer);
        }
    }

    /** The buffers kept for reuse. */
    int kept() {
        int count = 0;
        for (ArrayDeque<ByteBuffer> sized : free) {
            count += sized.size();
        }
        return count;
    }
}
