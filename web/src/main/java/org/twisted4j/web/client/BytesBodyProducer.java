package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A request body held in memory, written in one piece; replayable, so redirects can send it again.
 *
 * <pre>{@code
 * agent.request("PUT", uri, headers, BytesBodyProducer.of("hello".getBytes(UTF_8)));
 * }</pre>
 *
 * <p>The array is copied when the producer is made, so later changes to it are not sent.
 *
 * <p>Threading: reactor thread only.
 */
public final class BytesBodyProducer implements ReplayableBodyProducer {

    private final byte[] bytes;

    private BytesBodyProducer(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Makes a producer of a copy of {@code bytes}.
     *
     * @param bytes the body
     * @return the producer
     */
    public static BytesBodyProducer of(byte[] bytes) {
        return new BytesBodyProducer(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /** Returns the body's length in bytes, always known. */
    @Override
    public long length() {
        return bytes.length;
    }

    /** Writes the whole body to {@code consumer} at once; the Deferred has fired when this returns. */
    @Override
    public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
        if (bytes.length > 0) {
            consumer.accept(ByteBuffer.wrap(bytes));
        }
        return Deferred.succeed(null);
    }

    /** Does nothing: the body is written at once. */
    @Override
    public void pauseProducing() {
    }

    /** Does nothing: the body is written at once. */
    @Override
    public void resumeProducing() {
    }

    /** Does nothing: the body is written at once. */
    @Override
    public void stopProducing() {
    }

    /** Returns a producer of the same bytes. */
    @Override
    public BodyProducer replay() {
        return new BytesBodyProducer(bytes);
    }
}
