package org.twisted4j.internet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * The write side of a {@link StreamConnection}: the bytes and file regions waiting for the socket (a
 * {@link WriteQueue}), the producer that fills it (a {@link RegisteredProducer}, paused and resumed at the
 * water marks), and whether the connection wants to hear when the socket is writable. The connection decides
 * whether a write or a registration is allowed at all, and makes the guarded calls to a producer, and fires
 * the Deferreds of file regions, that this class names. Reactor thread only.
 *
 * <p>The water marks are measured against every byte handed over and not yet taken by the socket: those
 * held in buffers and those of file regions still to be sent. Back-pressure says the peer is behind, not
 * that memory is short: a producer that writes file regions is paused while a large one is still going
 * out, rather than opening and queueing file after file. A region holds no memory, so the memory a
 * connection holds stays bounded by the buffers alone.
 */
final class StreamWriter {
    private final SocketChannel channel;
    private final int lowWaterMark;
    private final int highWaterMark;
    private final Runnable wantWriteChanged;
    private final ReadBuffers readBuffers;
    private final WriteQueue queue;
    private final RegisteredProducer registered = new RegisteredProducer();

    /**
     * The fewest bytes of the lent read buffer that are queued by holding the buffer itself; fewer are
     * copied, rather than keeping a whole read buffer for them.
     */
    static final int MIN_HELD = 2048;
    private boolean wantWrite;
    private boolean gathering;

    /**
     * Makes the write side of {@code channel}.
     *
     * @param readBuffers the reactor's read buffers: bytes queued from the lent one are held there, not copied
     * @param wantWriteChanged told each time {@link #wantsWrite()} changes, to update the selection key
     */
    StreamWriter(SocketChannel channel, ReadBuffers readBuffers, int lowWaterMark, int highWaterMark,
            Runnable wantWriteChanged) {
        this.channel = channel;
        this.readBuffers = readBuffers;
        this.queue = new WriteQueue(readBuffers);
        this.lowWaterMark = lowWaterMark;
        this.highWaterMark = highWaterMark;
        this.wantWriteChanged = wantWriteChanged;
    }

    /** Returns how many bytes held in buffers wait to be written. */
    long queuedBytes() {
        return queue.queuedBytes();
    }

    /** Returns how many bytes of file regions wait to be sent. */
    long queuedFileBytes() {
        return queue.fileBytes();
    }

    /**
     * Returns what the water marks are measured against: every byte handed over and not yet taken by the
     * socket, whether held in a buffer or still in a file region.
     */
    private long pendingBytes() {
        return queue.queuedBytes() + queue.fileBytes();
    }

    /** Returns whether nothing waits to be written. */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Returns whether the connection should be told when the socket is writable. */
    boolean wantsWrite() {
        return wantWrite;
    }

    /** Asks for writable turns, or stops asking. */
    void setWantWrite(boolean want) {
        if (wantWrite != want) {
            wantWrite = want;
            wantWriteChanged.run();
        }
    }

    // ---- writing ----

    /**
     * Writes {@code data}, which has bytes remaining: to the socket at once when nothing is waiting, and what
     * it does not take is kept (as a view of {@code data}, holding the lent read buffer if it is that) for a
     * writable turn.
     */
    void write(ByteBuffer data) {
        int start = data.position();
        int written = start;
        if (gathering && !wantWrite) {
            enqueue(data, start);
            pauseIfAbove();
            return;
        }
        if (queue.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                // Keep the bytes: the next writable turn meets the same error and closes the connection.
            }
            written = data.position();
            data.position(start);
            if (written == data.limit()) {
                if (registered.pull() != null) {
                    setWantWrite(true);
                }
                return;
            }
        }
        enqueue(data, written);
        afterEnqueue();
    }

    /**
     * Sends {@code region}: to the socket at once when nothing is waiting, and what it does not take is
     * queued, as {@link #write} does with bytes.
     *
     * @return true if the region went to the socket in full; its Deferred is then the caller's to fire
     */
    boolean writeFile(FileRegion region) {
        if (gathering && !wantWrite) {
            queue.addRegion(region);
            pauseIfAbove();
            return false;
        }
        if (queue.isEmpty()) {
            try {
                if (region.transferTo(channel)) {
                    if (registered.pull() != null) {
                        setWantWrite(true);
                    }
                    return true;
                }
            } catch (IOException e) {
                // Keep the region: the next writable turn meets the same error and closes the connection.
            }
        }
        queue.addRegion(region);
        afterEnqueue();
        return false;
    }

    /** Returns a queued region sent in full whose Deferred is still to be fired, or null if there is none. */
    @Nullable FileRegion pollSentRegion() {
        return queue.pollSent();
    }

    /** Queues the buffers and, if nothing was waiting, hands them to the socket in one gathering write. */
    void writeSequence(List<ByteBuffer> data) {
        boolean wasEmpty = queue.isEmpty();
        for (ByteBuffer buffer : data) {
            if (buffer.hasRemaining()) {
                enqueue(buffer, buffer.position());
            }
        }
        if (queue.isEmpty()) {
            return;
        }
        if (wasEmpty) {
            try {
                if (queue.flush(channel)) {
                    if (registered.pull() != null) {
                        setWantWrite(true);
                    }
                    return;
                }
            } catch (IOException e) {
                // As in write: the next writable turn closes the connection.
            }
        }
        afterEnqueue();
    }

    /**
     * Writes what waits, as much as the socket takes; once nothing waits, stops asking for writable turns.
     *
     * @return true if nothing waits any more
     * @throws IOException if the socket fails; what was not written stays queued
     */
    boolean flush() throws IOException {
        boolean drained = queue.flush(channel);
        if (drained) {
            setWantWrite(false);
        }
        return drained;
    }

    /**
     * Starts holding back writes: until {@link #endGather()}, what is written is queued (the lent read buffer
     * held, not copied) instead of going to the socket at once, so that several reads' worth leave in one gathering
     * write. For a read burst, where the socket is known to have more to read.
     */
    void beginGather() {
        gathering = true;
    }

    /**
     * Stops holding back writes and hands what was held back to the socket, as {@link #write} would have.
     *
     * @param open false if the connection closed meanwhile: then nothing is written
     * @return true if what was held back has all been written: the caller then does what a drained queue
     *     calls for (asking or resuming the producer), as after a writable turn
     */
    boolean endGather(boolean open) {
        if (!gathering) {
            return false;
        }
        gathering = false;
        if (!open || wantWrite || queue.isEmpty()) {
            return false;
        }
        try {
            if (queue.flush(channel)) {
                return true;
            }
        } catch (IOException e) {
            // As in write: the next writable turn closes the connection.
        }
        afterEnqueue();
        return false;
    }

    /**
     * Drops everything queued: the connection has closed. The Deferreds of file regions sent in full and not
     * yet fired succeed; those of the regions dropped fail with {@code reason}.
     */
    void discard(Failure reason) {
        List<FileRegion> dropped = queue.clear();
        for (FileRegion region = queue.pollSent(); region != null; region = queue.pollSent()) {
            fire(region, null);
        }
        for (FileRegion region : dropped) {
            fire(region, reason);
        }
    }

    private static void fire(FileRegion region, @Nullable Failure reason) {
        try {
            if (reason == null) {
                region.succeed();
            } else {
                region.fail(reason);
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error("firing the Deferred of " + region + " threw", error);
        }
    }

    /**
     * Queues the bytes of {@code data} from {@code from} on. A view of the reactor's lent read buffer comes
     * with a hold on that buffer, so that the next read lands elsewhere and the queued bytes stay as they are;
     * a remainder below {@link #MIN_HELD} bytes, or one met when every pooled buffer is out, is copied
     * instead. Any other buffer is queued as a view, as the caller gave it up.
     */
    private void enqueue(ByteBuffer data, int from) {
        ByteBuffer view = data.duplicate().position(from);
        if (data == readBuffers.lent()) {
            ReadBuffers.Pooled hold = view.remaining() >= MIN_HELD ? readBuffers.hold() : null;
            if (hold != null) {
                queue.addHeld(view, hold);
                return;
            }
            view = ByteBuffer.allocate(view.remaining()).put(view).flip();
        }
        queue.add(view);
    }

    private void afterEnqueue() {
        setWantWrite(true);
        pauseIfAbove();
    }

    private void pauseIfAbove() {
        PushProducer push = registered.pauseIfAbove(pendingBytes(), highWaterMark);
        if (push != null) {
            push.pauseProducing();
        }
    }

    // ---- the registered producer ----

    /**
     * Checks that {@code producer} may be registered, as {@link RegisteredProducer#checkRegistrable} does.
     *
     * @throws IllegalStateException if a producer is already registered
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    void checkRegistrable(Producer producer, boolean streaming) {
        registered.checkRegistrable(producer, streaming);
    }

    /** Registers {@code producer}, checked with {@link #checkRegistrable}; a pull producer is asked for data. */
    void register(Producer producer, boolean streaming) {
        registered.set(producer, streaming);
        if (!streaming) {
            ((PullProducer) producer).resumeProducing();
        }
    }

    /**
     * Forgets the registered producer.
     *
     * @throws IllegalStateException if no producer is registered
     */
    void unregister() {
        registered.unregister();
    }

    /** Forgets the registered producer and returns it, for the caller to stop; null if there was none. */
    @Nullable Producer takeProducer() {
        return registered.take();
    }

    /** Returns the registered producer, or null. */
    @Nullable Producer producer() {
        return registered.producer();
    }

    /** Returns whether the registered producer is a streaming one. */
    boolean streaming() {
        return registered.streaming();
    }

    /** Returns the registered producer if it is a non-streaming one, to be asked for more; else null. */
    @Nullable PullProducer pullProducer() {
        return registered.pull();
    }

    /** Returns the streaming producer to resume, marked running, if it was paused and the queue is low. */
    @Nullable PushProducer producerToResume() {
        return registered.resumeIfAtMost(pendingBytes(), lowWaterMark);
    }
}
