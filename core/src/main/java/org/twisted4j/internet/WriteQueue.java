package org.twisted4j.internet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a connection has been given to write and has not yet written: a queue of buffers, written to
 * the channel with gathering writes, and of {@link FileRegion}s among them, each sent with
 * {@code transferTo} when it reaches the head. The buffers are the callers' own (duplicated views), never
 * copied; views of a reactor's read buffer come with a hold on it ({@link #addHeld}), released once written
 * or dropped. Reactor thread only.
 *
 * <p>A region stands among the buffers as its {@linkplain FileRegion#marker() marker}, an empty buffer
 * that a gathering write never reaches: the buffers before it go first, then the region, then the buffers
 * after it. {@link #queuedBytes()} counts the bytes held in buffers, {@link #fileBytes()} those of regions
 * not yet sent; a region sent in full waits in {@link #pollSent()} for its Deferred to be fired.
 */
final class WriteQueue {
    /** The most buffers handed to one gathering write. */
    static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    /** The queued views of held read buffers, in queue order: each one's hold is released once written. */
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    /** The holds of {@link #held}, in the same order. */
    private final ArrayDeque<ReadBuffers.Pooled> holds = new ArrayDeque<>();
    /** The queued file regions, in queue order; each one's marker is among {@link #buffers}. */
    private final ArrayDeque<FileRegion> regions = new ArrayDeque<>();
    /** The regions sent in full whose Deferreds have not been fired yet. */
    private final ArrayDeque<FileRegion> sent = new ArrayDeque<>();
    private final @Nullable ReadBuffers pool;
    private ByteBuffer @Nullable [] gather;
    private long queuedBytes;
    private long fileBytes;

    /** Makes an empty queue with no pool. */
    WriteQueue() {
        this(null);
    }

    /** Makes an empty queue that releases the holds of views added with {@link #addHeld} to {@code pool}. */
    WriteQueue(@Nullable ReadBuffers pool) {
        this.pool = pool;
    }

    /**
     * Appends {@code view}, a view of a read buffer of the queue's pool held with {@code hold}: the hold is
     * released once the view is written or dropped, and not before, so the buffer is not read into meanwhile.
     *
     * @throws IllegalStateException if the queue has no pool
     */
    void addHeld(ByteBuffer view, ReadBuffers.Pooled hold) {
        if (pool == null) {
            throw new IllegalStateException("this queue has no pool");
        }
        held.addLast(view);
        holds.addLast(hold);
        add(view);
    }

    /** Appends {@code buffer}, which must not be changed afterwards; its remaining bytes are queued. */
    void add(ByteBuffer buffer) {
        buffers.addLast(buffer);
        queuedBytes += buffer.remaining();
    }

    /** Appends a file region, which goes to the channel once everything before it has. */
    void addRegion(FileRegion region) {
        buffers.addLast(region.marker());
        regions.addLast(region);
        fileBytes += region.remaining();
    }

    /** Returns a region sent in full whose Deferred is still to be fired, or null if there is none. */
    @Nullable FileRegion pollSent() {
        return sent.pollFirst();
    }

    /** Returns whether nothing is waiting to be written. */
    boolean isEmpty() {
        return buffers.isEmpty();
    }

    /** Returns how many bytes held in buffers are waiting to be written. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Returns how many bytes of queued file regions are waiting to be sent. */
    long fileBytes() {
        return fileBytes;
    }

    /**
     * Drops everything queued.
     *
     * @return the file regions dropped, not sent in full, in queue order; those sent in full stay in
     *     {@link #pollSent()}
     */
    List<FileRegion> clear() {
        releaseAll();
        buffers.clear();
        queuedBytes = 0;
        fileBytes = 0;
        if (regions.isEmpty()) {
            return List.of();
        }
        List<FileRegion> dropped = List.copyOf(regions);
        regions.clear();
        return dropped;
    }

    /**
     * Writes as much as {@code channel} takes without blocking, file regions included.
     *
     * @return true if the queue is now empty, false if the channel took less than everything
     * @throws java.io.EOFException if the file of the region at the head ends before the region does
     * @throws IOException if the channel or a region's file fails; the queue keeps what was not written
     */
    boolean flush(GatheringByteChannel channel) throws IOException {
        while (!buffers.isEmpty()) {
            FileRegion region = regions.peekFirst();
            ByteBuffer nextMarker = region == null ? null : region.marker();
            if (region != null && buffers.getFirst() == nextMarker) {
                long before = region.remaining();
                try {
                    if (!region.transferTo(channel)) {
                        return false;
                    }
                } finally {
                    fileBytes -= before - region.remaining();
                }
                buffers.removeFirst();
                regions.removeFirst();
                sent.addLast(region);
                continue;
            }
            int count = Math.min(buffers.size(), MAX_GATHER);
            if (nextMarker != null) {
                count = buffersBefore(nextMarker, count);
            }
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
            while (!buffers.isEmpty() && buffers.getFirst() != nextMarker && !buffers.getFirst().hasRemaining()) {
                ByteBuffer done = buffers.removeFirst();
                if (done == held.peekFirst()) {
                    held.removeFirst();
                    release(holds.removeFirst());
                }
            }
            if (written < attempted) {
                return false;
            }
        }
        return true;
    }

    /** Returns how many of the first {@code most} buffers come before {@code marker}, which is not first. */
    private int buffersBefore(ByteBuffer marker, int most) {
        int count = 0;
        for (Iterator<ByteBuffer> it = buffers.iterator(); count < most && it.next() != marker; ) {
            count++;
        }
        return count;
    }

    private ByteBuffer[] gatherArray() {
        ByteBuffer[] array = gather;
        if (array == null) {
            array = new ByteBuffer[MAX_GATHER];
            gather = array;
        }
        return array;
    }

    private void releaseAll() {
        held.clear();
        while (!holds.isEmpty()) {
            release(holds.removeFirst());
        }
    }

    private void release(ReadBuffers.Pooled hold) {
        ReadBuffers owner = pool;
        if (owner != null) {
            owner.release(hold);
        }
    }
}
