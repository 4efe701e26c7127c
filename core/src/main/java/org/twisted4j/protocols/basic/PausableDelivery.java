package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Transport;

/**
 * What a receiver that is a push producer of its messages keeps besides its framing: the bytes read but
 * not yet delivered, whether delivery is paused, and the loop that delivers messages until the buffer holds
 * no whole one, delivery is paused or the connection is closing. A receiver makes one as an anonymous
 * subclass that names its transport and cuts the next message.
 *
 * <p>The loop does not reenter itself: bytes received, or delivery resumed, from within a message handler
 * are taken up by the loop already running.
 *
 * <p>Reactor thread only, like the receiver that owns it.
 */
abstract class PausableDelivery {

    private final ByteQueue buffer = new ByteQueue();
    private boolean paused;
    private boolean busy;

    /** Returns the receiver's transport; asked each time, since it is attached after construction. */
    abstract Transport transport();

    /**
     * Delivers the next message in {@link #buffer()} (or reports it as too long).
     *
     * @return false to end the loop until more bytes arrive: no whole message is buffered yet, or a limit
     *     handler was called that leaves the buffer as it was
     */
    abstract boolean deliverNext();

    /** Returns the bytes read but not yet delivered. */
    final ByteQueue buffer() {
        return buffer;
    }

    final boolean isPaused() {
        return paused;
    }

    /** Returns whether bytes could be handed on now without buffering: not paused, not delivering, none waiting. */
    final boolean isIdle() {
        return !busy && !paused && buffer.isEmpty();
    }

    /** Buffers {@code data} and delivers what can be, unless a delivery is already under way. */
    final void receive(ByteBuffer data) {
        buffer.add(data);
        if (!busy) {
            deliver();
        }
    }

    /**
     * Runs {@code handOver}, which passes bytes on without buffering them, as a delivery: bytes received
     * meanwhile are buffered, and delivered after it.
     */
    final void deliverUnbuffered(Runnable handOver) {
        busy = true;
        try {
            handOver.run();
        } finally {
            busy = false;
        }
        if (!buffer.isEmpty()) {
            deliver();
        }
    }

    private void deliver() {
        busy = true;
        try {
            while (!buffer.isEmpty() && !paused && !transport().isDisconnecting()) {
                if (!deliverNext()) {
                    return;
                }
            }
        } finally {
            busy = false;
        }
    }

    /** Pauses delivery and reading from the transport. */
    final void pause() {
        paused = true;
        transport().pauseProducing();
    }

    /** Resumes reading from the transport, and delivers what waited unless a delivery is under way. */
    final void resume() {
        paused = false;
        transport().resumeProducing();
        if (!busy && !buffer.isEmpty()) {
            deliver();
        }
    }

    /** Stops delivery for good, and stops the transport. */
    final void stop() {
        paused = true;
        transport().stopProducing();
    }
}
