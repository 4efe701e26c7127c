package org.twisted4j.web.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;

/**
 * Collects a whole response body into one array: {@link Response#readBody()} for responses that only know
 * how to {@link Response#deliverBody deliver} theirs.
 *
 * <p>Threading: reactor thread only.
 */
final class BodyCollector implements BodyReceiver {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Deferred<byte[]> done = new Deferred<>();
    private final Response response;
    private final long maxBytes;

    private BodyCollector(Response response, long maxBytes) {
        this.response = response;
        this.maxBytes = maxBytes;
    }

    /**
     * Asks {@code response} for its body and gathers it.
     *
     * @throws IllegalStateException if the body has already been asked for
     */
    static Deferred<byte[]> collect(Response response) {
        return collect(response, Long.MAX_VALUE);
    }

    /**
     * Asks {@code response} for its body and gathers at most {@code maxBytes} of it; past that the body is
     * aborted and the Deferred fails with {@link ResponseBodyTooLarge}.
     *
     * @throws IllegalStateException if the body has already been asked for
     */
    static Deferred<byte[]> collect(Response response, long maxBytes) {
        BodyCollector collector = new BodyCollector(response, maxBytes);
        response.deliverBody(collector);
        return collector.done;
    }

    @Override
    public void dataReceived(ByteBuffer piece) {
        if (done.isCalled()) {
            return;
        }
        if (piece.remaining() > maxBytes - bytes.size()) {
            done.errback(new ResponseBodyTooLarge(maxBytes));
            response.abortBody();
            return;
        }
        if (piece.hasArray()) {
            bytes.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
            piece.position(piece.limit());
        } else {
            byte[] copy = new byte[piece.remaining()];
            piece.get(copy);
            bytes.writeBytes(copy);
        }
    }

    @Override
    public void bodyFinished() {
        if (!done.isCalled()) {
            done.callback(bytes.toByteArray());
        }
    }

    @Override
    public void bodyFailed(Failure reason) {
        if (!done.isCalled()) {
            done.errback(reason);
        }
    }
}
