package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A request body held in memory, written in one piece with its length.
 *
 * <pre>{@code
 * agent.request("POST", uri, headers, new BytesBodyProducer("a=1&b=2".getBytes(UTF_8)));
 * }</pre>
 *
 * <p>It can be written again, so a request with it may be retried on a new connection.
 *
 * <p>Threading: any thread may make one (the bytes are copied); reactor thread only for the rest.
 */
public final class BytesBodyProducer implements BodyProducer, RestartableBody {

    private final byte[] body;

    /**
     * Makes one from a copy of {@code body}.
     *
     * @param body the bytes to send
     */
    public BytesBodyProducer(byte[] body) {
        this.body = body.clone();
    }

    @Override
    public long length() {
        return body.length;
    }

    /** Writes the whole body at once; the Deferred has already fired. */
    @Override
    public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
        consumer.accept(ByteBuffer.wrap(body).asReadOnlyBuffer());
        return Deferred.succeed(null);
    }

    /** Does nothing: everything is written at once. */
    @Override
    public void pauseProducing() {
    }

    /** Does nothing: everything is written at once. */
    @Override
    public void resumeProducing() {
    }

    /** Does nothing: everything is written at once. */
    @Override
    public void stopProducing() {
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public String toString() {
        return "BytesBodyProducer[" + body.length + " bytes]";
    }
}
