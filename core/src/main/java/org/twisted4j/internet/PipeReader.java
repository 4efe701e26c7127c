package org.twisted4j.internet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * The reading end of a pipe (a child process's standard output or error, or this process's standard
 * input): a virtual thread reads it in chunks and hands each to the reactor's thread, where its owner
 * delivers it to the protocol.
 *
 * <p>Two chunk buffers alternate, and the reading thread waits before refilling a buffer until the reactor
 * has delivered what it held: at most two chunks are ever in flight, so a chatty child cannot flood memory,
 * and a slow reactor (or a paused transport) slows the writer down through its full pipe. While the
 * transport is paused, chunks that arrive are held here and delivered, in order, on resume.
 *
 * <p>The pipe is closed only by the reading thread, never while it may be reading, so its descriptor can
 * never be reused under a read.
 */
final class PipeReader {

    /** What a pipe reader delivers to, on the reactor's thread. */
    interface Owner {
        /** Returns whether the transport is paused, so that chunks are held rather than delivered. */
        boolean isPaused();

        /** Delivers a chunk read from descriptor {@code fd}; its buffer is reused once this returns. */
        void dataReceived(int fd, ByteBuffer chunk);

        /** Descriptor {@code fd} reached its end, broke, or was closed by {@link #close()}. Called once. */
        void readerLost(int fd);
    }

    /** The most bytes read from the pipe at once. */
    static final int CHUNK_SIZE = 64 * 1024;

    private final ReactorBackend reactor;
    private final Owner owner;
    private final int fd;
    private final InputStream in;
    /** Made on first use, so that a child with little output costs one buffer, not two. */
    private final byte[][] buffers = new byte[2][];
    /** A permit for each buffer the reading thread may fill without overwriting an undelivered chunk. */
    private final Semaphore free = new Semaphore(1);
    /** Set on the reactor's thread when the protocol closed this pipe; the reader then stops. */
    private volatile boolean discarding;

    // reactor thread only
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    private boolean endOfStream;
    private boolean lost;

    PipeReader(ReactorBackend reactor, Owner owner, int fd, InputStream in) {
        this.reactor = reactor;
        this.owner = owner;
        this.fd = fd;
        this.in = in;
    }

    /** Starts the reading thread. */
    void start(String name) {
        Thread.ofVirtual().name(name).start(this::readAll);
    }

    /** Returns whether {@code data} is a view of this pipe's chunk buffers, which are reused. */
    boolean owns(ByteBuffer data) {
        // A chunk reaches the reactor's thread after its buffer was made, so these reads see it.
        return data.hasArray() && (data.array() == buffers[0] || data.array() == buffers[1]);
    }

    /** Returns whether the protocol has been told that this pipe closed. Reactor thread only. */
    boolean isLost() {
        return lost;
    }

    // ---- the reading thread ----

    private void readAll() {
        try {
            for (int i = 0; !discarding; i ^= 1) {
                byte[] buffer = buffers[i];
                if (buffer == null) {
                    buffer = new byte[CHUNK_SIZE];
                    buffers[i] = buffer;
                }
                int count = in.read(buffer);
                if (count < 0 || discarding) {
                    break;
                }
                if (count > 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, count);
                    reactor.callFromThread(() -> arrived(chunk));
                    free.acquire();
                }
            }
        } catch (IOException e) {
            // The pipe broke: the same as its end, for the protocol.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Nothing more to read either way.
            }
            reactor.callFromThread(this::ended);
        }
    }

    // ---- the reactor's side ----

    private void arrived(ByteBuffer chunk) {
        if (lost) {
            free.release();
        } else if (owner.isPaused() || !held.isEmpty()) {
            held.addLast(chunk);
        } else {
            deliver(chunk);
        }
    }

    private void deliver(ByteBuffer chunk) {
        try {
            owner.dataReceived(fd, chunk);
        } finally {
            free.release();
        }
    }

    private void ended() {
        endOfStream = true;
        if (!lost && held.isEmpty()) {
            lose();
        }
    }

    /** Delivers what was held while the transport was paused. Reactor thread only. */
    void resume() {
        while (!lost && !owner.isPaused() && !held.isEmpty()) {
            deliver(held.removeFirst());
        }
        if (!lost && endOfStream && held.isEmpty()) {
            lose();
        }
    }

    /** Stops delivering and tells the protocol the pipe is closed; the reader closes it. Reactor thread. */
    void close() {
        if (lost) {
            return;
        }
        discarding = true;
        while (!held.isEmpty()) {
            held.removeFirst();
            free.release();
        }
        lose();
    }

    private void lose() {
        lost = true;
        owner.readerLost(fd);
    }
}
