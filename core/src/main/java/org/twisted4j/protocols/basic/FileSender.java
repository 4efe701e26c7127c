package org.twisted4j.protocols.basic;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.PullProducer;

/**
 * A pull producer that sends the contents of a stream (typically a file) to a consumer, one chunk each
 * time the consumer asks, as Twisted's {@code FileSender}.
 *
 * <pre>{@code
 * InputStream file = Files.newInputStream(path);
 * new FileSender().beginFileTransfer(file, transport())
 *         .addCallback(last -> { file.close(); transport().loseConnection(); return null; });
 * }</pre>
 *
 * <p>Each {@link #resumeProducing()} reads up to {@link #chunkSize()} bytes, passes them through the
 * optional transform and writes them to the consumer. At end of stream the sender unregisters and the
 * Deferred fires with the last byte sent, as an array of length 1 (or 0 if nothing was sent): the way
 * protocols such as SMTP check whether the data ended with a newline. If the consumer calls
 * {@link #stopProducing()} first, or reading fails, the sender unregisters (in the read failure case)
 * and the Deferred fails. The stream is never closed by the sender: it belongs to the caller.
 *
 * <h2>Threading</h2>
 * Reactor thread only. Reads are blocking calls on that thread, as in Twisted: fine for local files, not
 * for streams that can stall.
 */
public final class FileSender implements PullProducer {

    /** The default {@link #chunkSize()}: 16384 bytes, as Twisted's. */
    public static final int DEFAULT_CHUNK_SIZE = 16_384;

    private final int chunkSize;
    private @Nullable InputStream source;
    private @Nullable Consumer consumer;
    private @Nullable UnaryOperator<byte[]> transform;
    private @Nullable Deferred<byte[]> deferred;
    private byte[] lastSent = new byte[0];

    /** Makes a sender that reads {@link #DEFAULT_CHUNK_SIZE} bytes at a time. */
    public FileSender() {
        this(DEFAULT_CHUNK_SIZE);
    }

    /**
     * Makes a sender.
     *
     * @param chunkSize how many bytes to read and write at a time
     * @throws IllegalArgumentException if it is not positive
     */
    public FileSender(int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("the chunk size must be positive, not " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** Returns how many bytes are read and written at a time. */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Registers as a pull producer with {@code consumer} and starts sending {@code source}.
     *
     * @param source what to send; read to its end but not closed
     * @param consumer where to send it, typically a transport
     * @return fires with the last byte sent (an array of length 0 or 1) once everything is written, or fails
     *     if the consumer stops the transfer or reading fails
     * @throws IllegalStateException if a transfer is already under way
     */
    public Deferred<byte[]> beginFileTransfer(InputStream source, Consumer consumer) {
        return beginFileTransfer(source, consumer, null);
    }

    /**
     * Registers as a pull producer with {@code consumer} and starts sending {@code source}, each chunk
     * passed through {@code transform} first.
     *
     * @param source what to send; read to its end but not closed
     * @param consumer where to send it, typically a transport
     * @param transform changes each chunk before it is written (it may return the same array), or null
     * @return fires with the last byte written (an array of length 0 or 1) once everything is written, or
     *     fails if the consumer stops the transfer or reading fails
     * @throws IllegalStateException if a transfer is already under way
     */
    public Deferred<byte[]> beginFileTransfer(InputStream source, Consumer consumer,
            @Nullable UnaryOperator<byte[]> transform) {
        if (deferred != null) {
            throw new IllegalStateException("a transfer is already under way");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.transform = transform;
        this.lastSent = new byte[0];
        Deferred<byte[]> result = new Deferred<>();
        deferred = result;
        consumer.registerProducer(this, false);
        return result;
    }

    /** Writes the next chunk, or finishes the transfer at end of stream. Does nothing when none is under way. */
    @Override
    public void resumeProducing() {
        InputStream in = source;
        Consumer out = consumer;
        if (in == null || out == null) {
            return;
        }
        byte[] chunk;
        try {
            chunk = in.readNBytes(chunkSize);
        } catch (IOException e) {
            finish(out, e);
            return;
        }
        if (chunk.length == 0) {
            finish(out, null);
            return;
        }
        UnaryOperator<byte[]> change = transform;
        if (change != null) {
            chunk = Objects.requireNonNull(change.apply(chunk), "the transform returned null");
        }
        if (chunk.length > 0) {
            lastSent = Arrays.copyOfRange(chunk, chunk.length - 1, chunk.length);
            out.write(chunk);
        }
    }

    private void finish(Consumer out, @Nullable IOException error) {
        source = null;
        consumer = null;
        out.unregisterProducer();
        Deferred<byte[]> result = deferred;
        deferred = null;
        if (result != null) {
            if (error == null) {
                result.callback(lastSent);
            } else {
                result.errback(error);
            }
        }
    }

    /** Abandons the transfer: its Deferred fails. Does nothing when none is under way. */
    @Override
    public void stopProducing() {
        source = null;
        consumer = null;
        Deferred<byte[]> result = deferred;
        deferred = null;
        if (result != null) {
            result.errback(new IOException("the consumer asked the file sender to stop producing"));
        }
    }
}
