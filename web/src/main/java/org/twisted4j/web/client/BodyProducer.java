package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Writes a request body: Twisted's {@code IBodyProducer}. The connection starts it once the request head is
 * sent and pauses and resumes it as the socket fills and drains.
 *
 * <p>Threading: reactor thread only.
 */
public interface BodyProducer {

    /** The {@link #length()} of a body whose length is not known in advance (sent chunked). */
    long UNKNOWN_LENGTH = -1;

    /** Returns the body's length in bytes, or {@link #UNKNOWN_LENGTH}. */
    long length();

    /**
     * Starts writing the body to {@code consumer}, which takes each buffer (and owns it from then on).
     *
     * @param consumer where the bytes go
     * @return a Deferred that fires when all the body has been written, or fails if it cannot be
     */
    Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer);

    /** Stops writing until {@link #resumeProducing()}. */
    void pauseProducing();

    /** Goes on writing after {@link #pauseProducing()}. */
    void resumeProducing();

    /** Gives up: writes nothing more; the Deferred from {@link #startProducing} need not fire. */
    void stopProducing();
}
