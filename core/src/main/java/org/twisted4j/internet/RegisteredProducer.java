package org.twisted4j.internet;

import org.jspecify.annotations.Nullable;

/**
 * The producer registered with a transport that queues writes, and whether it is paused because the queue
 * grew: the bookkeeping behind {@link Consumer#registerProducer} and {@link Consumer#unregisterProducer}.
 * The transport counts the queued bytes and makes the calls to the producer itself (guarded as it guards
 * its other callbacks); this class says which producer to call, and when.
 *
 * <p>A streaming ({@link PushProducer}) producer is paused when the queue grows past the high water mark
 * and resumed when it has drained to the low one. A non-streaming ({@link PullProducer}) one is asked for
 * more whenever the queue has drained.
 *
 * <p>Reactor thread only, like the transport that owns it.
 */
final class RegisteredProducer {

    private @Nullable Producer producer;
    private boolean streaming;
    private boolean paused;

    /**
     * Checks that {@code producer} may be registered.
     *
     * @throws IllegalStateException if a producer is already registered
     * @throws IllegalArgumentException if {@code producer} is not a {@link PushProducer} though
     *     {@code streaming}, or not a {@link PullProducer} though not
     */
    void checkRegistrable(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered: " + this.producer);
        }
        if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException((streaming ? "a streaming producer must be a PushProducer: "
                    : "a non-streaming producer must be a PullProducer: ") + producer);
        }
    }

    /** Registers {@code producer}, checked with {@link #checkRegistrable}, as running. */
    void set(Producer producer, boolean streaming) {
        this.producer = producer;
        this.streaming = streaming;
        this.paused = false;
    }

    /**
     * Forgets the registered producer.
     *
     * @throws IllegalStateException if no producer is registered
     */
    void unregister() {
        if (producer == null) {
            throw new IllegalStateException("no producer is registered");
        }
        producer = null;
        paused = false;
    }

    /** Forgets the registered producer and returns it, for the caller to stop; null if there was none. */
    @Nullable Producer take() {
        Producer current = producer;
        producer = null;
        paused = false;
        return current;
    }

    boolean isRegistered() {
        return producer != null;
    }

    /** Returns the registered producer, or null. */
    @Nullable Producer producer() {
        return producer;
    }

    /** Returns whether the registered producer is a streaming one. */
    boolean streaming() {
        return streaming;
    }

    /** Returns the registered producer if it is a non-streaming one, to be asked for more; else null. */
    @Nullable PullProducer pull() {
        return producer instanceof PullProducer pull && !streaming ? pull : null;
    }

    /**
     * Returns the streaming producer to pause, marked paused, if it is running and more than
     * {@code highWaterMark} bytes are queued; else null.
     */
    @Nullable PushProducer pauseIfAbove(long queuedBytes, long highWaterMark) {
        if (streaming && !paused && producer instanceof PushProducer push && queuedBytes > highWaterMark) {
            paused = true;
            return push;
        }
        return null;
    }

    /**
     * Returns the streaming producer to resume, marked running, if it was paused by
     * {@link #pauseIfAbove} and no more than {@code lowWaterMark} bytes are queued; else null.
     */
    @Nullable PushProducer resumeIfAtMost(long queuedBytes, long lowWaterMark) {
        if (paused && producer instanceof PushProducer push && queuedBytes <= lowWaterMark) {
            paused = false;
            return push;
        }
        return null;
    }
}
