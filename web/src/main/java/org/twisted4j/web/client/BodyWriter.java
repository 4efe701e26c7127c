package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * Sends a request body from its {@link BodyProducer} to the connection: frames it (chunked when its length is
 * unknown), checks a declared length, and passes the transport's back-pressure to the producer by standing
 * between them as the transport's push producer.
 *
 * <p>Threading: reactor thread only.
 */
final class BodyWriter implements PushProducer {

    private static final ByteBuffer LAST_CHUNK = ByteBuffer.wrap("0\r\n\r\n".getBytes(ISO_8859_1)).asReadOnlyBuffer();

    private final Transport transport;
    private final BodyProducer body;
    private final boolean chunked;
    private final Deferred<@Nullable Void> done = new Deferred<>();
    private long written;
    private boolean registered;
    private boolean over;

    BodyWriter(Transport transport, BodyProducer body) {
        this.transport = transport;
        this.body = body;
        this.chunked = body.length() == BodyProducer.UNKNOWN_LENGTH;
    }

    /**
     * Starts the producer.
     *
     * @return fires once the whole body is written, or fails with a {@link RequestTransmissionFailed}
     */
    Deferred<@Nullable Void> start() {
        transport.registerProducer(this, true);
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
            transport.write(ByteBuffer.wrap((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1)));
            transport.write(piece);
            transport.write(ByteBuffer.wrap(new byte[] {'\r', '\n'}));
        } else if (written > body.length()) {
            body.stopProducing();
            fail("the body producer wrote more than its length of " + body.length() + " bytes", null);
        } else {
            transport.write(piece);
        }
    }

    private void finished() {
        if (over) {
            return;
        }
        if (!chunked && written != body.length()) {
            fail("the body producer wrote " + written + " bytes, not its length of " + body.length(), null);
            return;
        }
        over = true;
        unregister();
        if (chunked) {
            transport.write(LAST_CHUNK.duplicate());
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
            transport.unregisterProducer();
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

    /** The connection is gone. */
    @Override
    public void stopProducing() {
        registered = false; // the transport has let go of it
        stop(new ConnectionLost("the connection was lost while sending the request body"));
    }
}
