package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Direct buffers of one size, lent to write queues to hold copies of the reactor's read buffer and given
 * back once written, so that bytes queued from a read go to the socket without a further copy. It creates
 * at most a fixed number; when all of them are out, callers copy to the heap instead. Reactor thread only.
 */
final class CopyBufferPool {
    /** How many buffers the pool creates at most. */
    static final int MAX_BUFFERS = 64;

    private final int size;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int created;

    /** Makes an empty pool of buffers of {@code size} bytes. */
    CopyBufferPool(int size) {
        this.size = size;
    }

    /** Returns the size of every buffer. */
    int size() {
        return size;
    }

    /** Returns a cleared buffer, or null if all that may be created are in use. */
    @Nullable ByteBuffer take() {
        ByteBuffer buffer = free.pollFirst();
        if (buffer == null && created < MAX_BUFFERS) {
            created++;
            buffer = ByteBuffer.allocateDirect(size);
        }
        return buffer;
    }

    /** Gives back a buffer that {@link #take()} returned. */
    void give(ByteBuffer buffer) {
        buffer.clear();
        free.addFirst(buffer);
    }
}
