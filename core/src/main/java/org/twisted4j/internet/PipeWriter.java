package org.twisted4j.internet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The writing end of a pipe (a child process's standard input, or this process's standard output): the
 * reactor's thread queues buffers, a virtual thread writes them to the stream (blocking while the other
 * side does not read) and reports each written buffer back, so that what waits is counted and a registered
 * producer is paused above the reactor's high water mark and resumed at its low one.
 *
 * <p>The stream is closed only by the writing thread, when it takes the close marker off the queue or when
 * a write fails (the reader closed its end or exited); the owner is then told through
 * {@link Owner#writerEnded()}, on the reactor's thread, after a registered producer has been stopped.
 *
 * <p>Every method but {@link #start} belongs to the reactor's thread.
 */
final class PipeWriter {

    /** What a pipe writer reports to. */
    interface Owner {
        /** Runs a callback of the protocol or producer; if it throws, logs that and returns false. */
        boolean guarded(String callback, Runnable call);

        /** The stream is closed: nothing more can be written. Called once, on the reactor's thread. */
        void writerEnded();
    }

    /** The marker that tells the writing thread to close the stream. */
    private static final ByteBuffer CLOSE = ByteBuffer.allocate(0);

    private final ReactorBackend reactor;
    private final Owner owner;
    private final OutputStream out;
    private final LinkedBlockingDeque<ByteBuffer> queue = new LinkedBlockingDeque<>();

    // reactor thread only
    private final RegisteredProducer registered = new RegisteredProducer();
    private long queuedBytes;
    private boolean closing;
    private boolean closeQueued;
    private boolean lost;

    PipeWriter(ReactorBackend reactor, Owner owner, OutputStream out) {
        this.reactor = reactor;
        this.owner = owner;
        this.out = out;
    }

    /** Starts the writing thread. Any thread. */
    void start(String name) {
        Thread.ofVirtual().name(name).start(this::writeAll);
    }

    /** Returns whether the stream has closed, as the owner was told. */
    boolean isLost() {
        return lost;
    }

    /**
     * Returns whether writes are still taken: the stream is open and its close not yet queued (a close
     * that waits for the registered producer still takes what the producer writes).
     */
    boolean acceptsWrites() {
        return !lost && !closeQueued;
    }

    /**
     * Queues {@code data}, which nobody may change afterwards, and pauses a streaming producer if too much
     * waits. Ignored once the stream is closing.
     */
    void write(ByteBuffer data) {
        if (lost || closeQueued || !data.hasRemaining()) {
            return;
        }
        queuedBytes += data.remaining();
        queue.addLast(data);
        PushProducer push = registered.pauseIfAbove(queuedBytes, highWaterMark());
        if (push != null) {
            owner.guarded("pauseProducing", push::pauseProducing);
        }
    }

    /** Registers a producer, as {@link Consumer#registerProducer}; one registered too late is stopped. */
    void registerProducer(Producer producer, boolean streaming) {
        registered.checkRegistrable(producer, streaming);
        if (lost || closeQueued) {
            owner.guarded("stopProducing", producer::stopProducing);
            return;
        }
        registered.set(producer, streaming);
        if (!streaming) {
            owner.guarded("resumeProducing", ((PullProducer) producer)::resumeProducing);
        }
    }

    /** Unregisters the producer, closing the stream now if a close was waiting for it. */
    void unregisterProducer() {
        registered.unregister();
        if (closing) {
            queueClose();
        }
    }

    /** Closes the stream after what is queued, and after the registered producer has unregistered. */
    void close() {
        if (lost || closing) {
            return;
        }
        closing = true;
        if (!registered.isRegistered()) {
            queueClose();
        }
    }

    /** Closes the stream before what is queued, which is dropped: the other side is gone. */
    void closeNow() {
        if (!lost) {
            closing = true;
            closeQueued = true;
            queue.addFirst(CLOSE);
        }
    }

    private void queueClose() {
        if (!closeQueued && !lost) {
            closeQueued = true;
            queue.addLast(CLOSE);
        }
    }

    private void written(int count) {
        if (lost) {
            return;
        }
        queuedBytes -= count;
        PullProducer pull = registered.pull();
        if (pull != null) {
            if (queuedBytes == 0) {
                owner.guarded("resumeProducing", pull::resumeProducing);
            }
            return;
        }
        PushProducer push = registered.resumeIfAtMost(queuedBytes, lowWaterMark());
        if (push != null) {
            owner.guarded("resumeProducing", push::resumeProducing);
        }
    }

    private void ended() {
        if (lost) {
            return;
        }
        lost = true;
        queuedBytes = 0;
        Producer current = registered.take();
        if (current != null) {
            owner.guarded("stopProducing", current::stopProducing);
        }
        owner.writerEnded();
    }

    // ---- the writing thread ----

    private void writeAll() {
        byte[] scratch = null;
        try {
            for (ByteBuffer data = queue.take(); data != CLOSE; data = queue.take()) {
                int count = data.remaining();
                if (data.hasArray()) {
                    out.write(data.array(), data.arrayOffset() + data.position(), count);
                } else {
                    if (scratch == null) {
                        scratch = new byte[PipeReader.CHUNK_SIZE];
                    }
                    while (data.hasRemaining()) {
                        int piece = Math.min(scratch.length, data.remaining());
                        data.get(scratch, 0, piece);
                        out.write(scratch, 0, piece);
                    }
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
                reactor.callFromThread(() -> written(count));
            }
        } catch (IOException e) {
            // The reader closed its end or exited: nothing more can be written.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // Buffered bytes nobody will read; the stream is closed all the same.
            }
            reactor.callFromThread(this::ended);
        }
    }

    /** The water marks of the reactor's transports: a {@link NioReactor}'s own, else the defaults. */
    private int highWaterMark() {
        return reactor instanceof NioReactor nio ? nio.highWaterMark() : NioReactor.DEFAULT_HIGH_WATER_MARK;
    }

    private int lowWaterMark() {
        return reactor instanceof NioReactor nio ? nio.lowWaterMark() : NioReactor.DEFAULT_LOW_WATER_MARK;
    }
}
