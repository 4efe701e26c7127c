package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The direct buffers a reactor's reads land in. One of them at a time is the lent buffer: the one handed to
 * a protocol's {@code dataReceived}. When a write queue must keep bytes of the lent buffer, it holds the
 * buffer itself rather than a copy ({@link #hold()}), and the next read lands in another buffer of the
 * pool ({@link #forRead()}); a held buffer goes back to the pool once every queue that holds it has written
 * or dropped its part ({@link #release}). Nobody calls a release method by hand: the write queues do.
 * Reactor thread only.
 *
 * <p>At most {@link #MAX_BUFFERS} buffers are made. When all of them are out, {@link #hold()} refuses and the
 * caller copies instead, so the memory a reactor holds for held-back reads stays bounded.
 */
final class ReadBuffers {
    /** How many buffers the pool makes at most, the lent one included. */
    static final int MAX_BUFFERS = 64;

    /** One buffer of the pool and how many queued views of it wait to be written. */
    static final class Pooled {
        private final ByteBuffer buffer;
        private int holds;

        private Pooled(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** Returns how many queued views of this buffer wait to be written. */
        int holds() {
            return holds;
        }
    }

    private final int size;
    private final ArrayDeque<Pooled> free = new ArrayDeque<>();
    private Pooled lent;
    /** The buffer that replaces {@link #lent} at the next read once {@code lent} is held; kept ready. */
    private @Nullable Pooled spare;
    private int created;

    /** Makes a pool of buffers of {@code size} bytes, with its first lent buffer. */
    ReadBuffers(int size) {
        this.size = size;
        this.lent = make();
    }

    /** Returns the size of every buffer. */
    int size() {
        return size;
    }

    /**
     * Returns the lent buffer, the one the last read landed in: bytes queued from it are held with
     * {@link #hold()} (or copied), never queued as a plain view.
     */
    ByteBuffer lent() {
        return lent.buffer;
    }

    /**
     * Returns the buffer the next read lands in, cleared by the caller: the lent buffer, unless a queue holds
     * it, in which case another buffer of the pool becomes the lent one.
     */
    ByteBuffer forRead() {
        Pooled next = spare;
        if (lent.holds > 0 && next != null) {
            lent = next;
            spare = null;
        }
        return lent.buffer;
    }

    /**
     * Holds the lent buffer for one queued view of it, which must be released once written or dropped: the
     * lent buffer is then not reused for a read until every hold is released.
     *
     * @return what to {@link #release}, or null if every buffer the pool may make is out: then copy
     */
    @Nullable Pooled hold() {
        if (lent.holds == 0 && spare == null) {
            Pooled next = free.pollFirst();
            if (next == null) {
                if (created >= MAX_BUFFERS) {
                    return null;
                }
                next = make();
            }
            spare = next;
        }
        lent.holds++;
        return lent;
    }

    /** Releases one hold taken with {@link #hold()}; the last one gives the buffer back to the pool. */
    void release(Pooled pooled) {
        if (pooled.holds <= 0) {
            throw new IllegalStateException("released more often than held");
        }
        pooled.holds--;
        if (pooled.holds == 0 && pooled != lent) {
            pooled.buffer.clear();
            free.addFirst(pooled);
        }
    }

    /** Returns how many buffers the pool has made. */
    int created() {
        return created;
    }

    private Pooled make() {
        created++;
        return new Pooled(ByteBuffer.allocateDirect(size));
    }
}
