package org.twisted4j.internet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a connection has been given to write and has not yet written: a queue of buffers, written to
 * the channel with gathering writes. The buffers are the callers' own (duplicated views), never copied.
 * Reactor thread only.
 */
final class WriteQueue {
    /** The most buffers handed to one gathering write. */
    static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    /** The queued buffers that belong to {@link #pool}, in queue order: given back once written. */
    private final ArrayDeque<ByteBuffer> borrowed = new ArrayDeque<>();
    private final @Nullable CopyBufferPool pool;
    private ByteBuffer @Nullable [] gather;
    private long queuedBytes;

    /** Makes an empty queue with no pool. */
    WriteQueue() {
        this(null);
    }

    /** Makes an empty queue that gives buffers added with {@link #addBorrowed} back to {@code pool}. */
    WriteQueue(@Nullable CopyBufferPool pool) {
        this.pool = pool;
    }

    /**
     * Appends a buffer taken from the queue's pool, which goes back to the pool once written or dropped.
     *
     * @throws IllegalStateException if the queue has no pool
     */
    void addBorrowed(ByteBuffer buffer) {
        if (pool == null) {
            throw new IllegalStateException("this queue has no pool");
        }
        borrowed.addLast(buffer);
        add(buffer);
    }

    /** Appends {@code buffer}, which must not be changed afterwards; its remaining bytes are queued. */
    void add(ByteBuffer buffer) {
        buffers.addLast(buffer);
        queuedBytes += buffer.remaining();
    }

    /** Returns whether nothing is waiting to be written. */
    boolean isEmpty() {
        return buffers.isEmpty();
    }

    /** Returns how many bytes are waiting to be written. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Drops everything queued. */
    void clear() {
        giveBackAll();
        buffers.clear();
        queuedBytes = 0;
    }

    /**
     * Writes as much as {@code channel} takes without blocking.
     *
     * @return true if the queue is now empty, false if the channel took less than everything
     * @throws IOException if the channel fails; the queue keeps what was not written
     */
    boolean flush(GatheringByteChannel channel) throws IOException {
        while (!buffers.isEmpty()) {
            int count = Math.min(buffers.size(), MAX_GATHER);
            long attempted;
            long written;
            if (count == 1) {
                ByteBuffer only = buffers.getFirst();
                attempted = only.remaining();
                written = channel.write(only);
            } else {
                ByteBuffer[] array = gatherArray();
                attempted = 0;
                Iterator<ByteBuffer> it = buffers.iterator();
                for (int i = 0; i < count; i++) {
                    array[i] = it.next();
                    attempted += array[i].remaining();
                }
                try {
                    written = channel.write(array, 0, count);
                } finally {
                    Arrays.fill(array, 0, count, null);
                }
            }
            queuedBytes -= written;
            while (!buffers.isEmpty() && !buffers.getFirst().hasRemaining()) {
                ByteBuffer done = buffers.removeFirst();
                if (done == borrowed.peekFirst()) {
                    borrowed.removeFirst();
                    giveBack(done);
                }
            }
            if (written < attempted) {
                return false;
            }
        }
        return true;
    }

    private ByteBuffer[] gatherArray() {
        ByteBuffer[] array = gather;
        if (array == null) {
            array = new ByteBuffer[MAX_GATHER];
            gather = array;
        }
        return array;
    }

    private void giveBackAll() {
        while (!borrowed.isEmpty()) {
            giveBack(borrowed.removeFirst());
        }
    }

    private void giveBack(ByteBuffer buffer) {
        CopyBufferPool owner = pool;
        if (owner != null) {
            owner.give(buffer);
        }
    }
}
