package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.PushProducer;

/**
 * A streaming producer for back-pressure tests: it writes pseudo-random bytes to a consumer for as long as it
 * is not paused, until it has written a set total; then it unregisters itself and runs a last action. It
 * counts what it wrote, keeps the CRC-32 of it and counts how often it was paused, for the test to compare with
 * what arrived.
 *
 * <pre>{@code
 * public void connectionMade() {
 *     writer = new StreamingWriter(transport(), 8 << 20, 64 * 1024, transport()::loseConnection);
 *     writer.start();
 * }
 * // later: assertThat(receivedCrc.getValue()).isEqualTo(writer.crc()); assertThat(writer.pauses()).isPositive();
 * }</pre>
 * The bytes come from a fixed xorshift sequence, the same on every run.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the consumer it writes to.
 */
public final class StreamingWriter implements PushProducer {
    private final Consumer consumer;
    private final long total;
    private final int chunkSize;
    private final Runnable whenWritten;
    private final CRC32 crc = new CRC32();
    private long seed = 0x9E3779B97F4A7C15L;
    private long written;
    private int pauses;
    private boolean paused;

    /**
     * Creates a writer; {@link #start()} sets it going.
     *
     * @param consumer what to write to, usually a transport
     * @param total how many bytes to write in all
     * @param chunkSize how many bytes to write at a time (the last write may be shorter)
     * @param whenWritten what to do once all is written and the writer has unregistered, such as closing
     * @throws IllegalArgumentException if {@code total} is negative or {@code chunkSize} is not positive
     */
    public StreamingWriter(Consumer consumer, long total, int chunkSize, Runnable whenWritten) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, not " + total);
        }
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive, not " + chunkSize);
        }
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.total = total;
        this.chunkSize = chunkSize;
        this.whenWritten = Objects.requireNonNull(whenWritten, "whenWritten");
    }

    /** Registers with the consumer as a streaming producer and writes until paused or done. */
    public void start() {
        consumer.registerProducer(this, true);
        produce();
    }

    /** Stops writing until {@link #resumeProducing()}, and counts the pause. */
    @Override
    public void pauseProducing() {
        pauses++;
        paused = true;
    }

    /** Writes on, until paused again or done. */
    @Override
    public void resumeProducing() {
        paused = false;
        produce();
    }

    /** Stops writing for good. */
    @Override
    public void stopProducing() {
        paused = true;
    }

    /** Returns how many bytes it has written so far. */
    public long written() {
        return written;
    }

    /** Returns the CRC-32 of the bytes it has written so far. */
    public long crc() {
        return crc.getValue();
    }

    /** Returns how often it has been paused. */
    public int pauses() {
        return pauses;
    }

    /** Returns whether it is paused, stopped or done, rather than writing when let. */
    public boolean isPaused() {
        return paused;
    }

    private void produce() {
        while (!paused && written < total) {
            ByteBuffer chunk = nextChunk((int) Math.min(chunkSize, total - written));
            crc.update(chunk.duplicate());
            written += chunk.remaining();
            consumer.write(chunk);
        }
        if (written == total && !paused) {
            paused = true;
            consumer.unregisterProducer();
            whenWritten.run();
        }
    }

    private ByteBuffer nextChunk(int length) {
        ByteBuffer chunk = ByteBuffer.allocate(length);
        while (chunk.hasRemaining()) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            for (int shift = 56; shift >= 0 && chunk.hasRemaining(); shift -= 8) {
                chunk.put((byte) (seed >>> shift));
            }
        }
        return chunk.flip();
    }
}
