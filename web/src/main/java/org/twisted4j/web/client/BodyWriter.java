package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.PushProducer;

/**
 * Sends a request body from its {@link BodyProducer} to the connection or the HTTP/2 stream: frames it over
 * HTTP/1.1 (chunked when its length is unknown), checks a declared length, and passes the consumer's
 * back-pressure to the producer by standing between them as the consumer's push producer.
 *
 * <p>Threading: reactor thread only.
 */
final class BodyWriter implements PushProducer {

    private static final ByteBuffer LAST_CHUNK = ByteBuffer.wrap("0\r\n\r\n".getBytes(ISO_8859_1)).asReadOnlyBuffer();

    private final Consumer out;
    private final BodyProducer body;
    private final boolean chunked;
    private final Deferred<@Nullable Void> done = new Deferred<>();
    private long written;
    private boolean registered;
    private boolean over;

    /**
     * Makes a writer to {@code out}; {@code chunkUnknownLength} frames a body of unknown length in chunks, as
     * HTTP/1.1 does (HTTP/2's DATA frames need no framing).
     */
    BodyWriter(Consumer out, BodyProducer body, boolean chunkUnknownLength) {
        this.out = out;
        this.body = body;
        this.chunked = chunkUnknownLength && body.length() == BodyProducer.UNKNOWN_LENGTH;
    }

    /**
     * Starts the producer.
     *
     * @return fires once the whole body is written, or fails with a {@link RequestTransmissionFailed}
     */
    Deferred<@Nullable Void> start() {
        out.registerProducer(this, true);
        registered = true;
        Deferred<@Nullable Void> producing;
        try {
            producing = body.startProducing(this::write);
        } catch (RuntimeException e) {
            producing = Deferred.fail(e);
        }
        producing.addCallbacks(ignored -> {
            finished();
            return null;
        }, failure -> {
            fail("the body producer failed: " + failure.getErrorMessage(), failure.value());
            return null;
        });
        return done;
    }

    /** Stops the producer, if it is still writing, because the request is over (answered, or the connection lost). */
    void stop(Throwable why) {
        if (!over) {
            body.stopProducing();
            fail("the request body could not be sent: " + why.getMessage(), why);
        }
    }

    private void write(ByteBuffer piece) {
        if (over || !piece.hasRemaining()) {
            return;
        }
        int n = piece.remaining();
        written += n;
        if (chunked) {
            out.write(ByteBuffer.wrap((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1)));
            out.write(piece);
            out.write(ByteBuffer.wrap(new byte[] {'\r', '\n'}));
        } else if (body.length() != BodyProducer.UNKNOWN_LENGTH && written > body.length()) {
            body.stopProducing();
            fail("the body producer wrote more than its length of " + body.length() + " bytes", null);
        } else {
            out.write(piece);
        }
    }

    private void finished() {
        if (over) {
            return;
        }
        if (body.length() != BodyProducer.UNKNOWN_LENGTH && written != body.length()) {
            fail("the body producer wrote " + written + " bytes, not its length of " + body.length(), null);
            return;
        }
        over = true;
        unregister();
        if (chunked) {
            out.write(LAST_CHUNK.duplicate());
        }
        done.callback(null);
    }

    private void fail(String message, @Nullable Throwable cause) {
        if (over) {
            return;
        }
        over = true;
        unregister();
        done.errback(new Failure(new RequestTransmissionFailed(message, cause)));
    }

    private void unregister() {
        if (registered) {
            registered = false;
            out.unregisterProducer();
        }
    }

    @Override
    public void pauseProducing() {
        if (!over) {
            body.pauseProducing();
        }
    }

    @Override
    public void resumeProducing() {
        if (!over) {
            body.resumeProducing();
        }
    }

    /** The connection (or the stream) is gone. */
    @Override
    public void stopProducing() {
        registered = false; // the transport has let go of it
        stop(new ConnectionLost("the connection was lost while sending the request body"));
    }
}
