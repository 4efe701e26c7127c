package org.twisted4j.testing;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;

/**
 * The producer registered with one of the test transports here: the checks made when one registers or
 * unregisters, whether it streams, and whether the transport has paused it. Reactor thread only, as its
 * transport.
 */
final class ProducerSlot {
    private @Nullable Producer producer;
    private boolean streaming;
    private boolean paused;

    /** Returns the registered producer, or null if none is registered. */
    @Nullable Producer producer() {
        return producer;
    }

    /** Returns whether the registered producer streams; false when none is registered. */
    boolean isStreaming() {
        return streaming;
    }

    /** Returns whether a producer is registered. */
    boolean isEmpty() {
        return producer == null;
    }

    /**
     * Checks that {@code producer} may register: none is registered yet, and it is of the kind
     * {@code streaming} says.
     *
     * @throws IllegalStateException if a producer is registered already
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    void checkRegister(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException(
                    "cannot register producer " + producer + ": " + this.producer + " is still registered");
        }
        if (streaming && !(producer instanceof PushProducer)) {
            throw new IllegalArgumentException(
                    "a streaming producer must be a PushProducer, and " + producer + " is not");
        }
        if (!streaming && !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException(
                    "a non-streaming producer must be a PullProducer, and " + producer + " is not");
        }
    }

    /**
     * Registers {@code producer}, not paused, after {@link #checkRegister}.
     *
     * @throws IllegalStateException if a producer is registered already
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    void register(Producer producer, boolean streaming) {
        checkRegister(producer, streaming);
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
            throw new IllegalStateException("cannot unregister a producer: none is registered");
        }
        clear();
    }

    /** Forgets the registered producer, if any, and returns it. */
    @Nullable Producer clear() {
        Producer current = producer;
        producer = null;
        streaming = false;
        paused = false;
        return current;
    }

    /** Pauses a streaming producer once {@code buffered} bytes are over {@code limit}, unless already paused. */
    void pauseIfOver(int buffered, int limit) {
        if (streaming && !paused && buffered > limit && producer instanceof PushProducer push) {
            paused = true;
            push.pauseProducing();
        }
    }

    /** Resumes a streaming producer this slot paused. */
    void resumeIfPaused() {
        if (paused && producer instanceof PushProducer push) {
            paused = false;
            push.resumeProducing();
        }
    }

    /** Asks a non-streaming producer for more. */
    void askForMore() {
        if (!streaming && producer instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }
}
