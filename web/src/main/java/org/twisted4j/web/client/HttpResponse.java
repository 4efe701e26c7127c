package org.twisted4j.web.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;
import org.twisted4j.web.internal.ResponseHead;

/**
 * A response read over HTTP/1.1 or on an HTTP/2 stream. Its body goes to the receiver as it arrives; pieces that arrive while there
 * is no receiver yet, or while it is paused, wait here (copied), and the connection stops reading meanwhile,
 * so what waits is at most one read's worth.
 *
 * <p>Threading: reactor thread only.
 */
final class HttpResponse implements Response {

    private static final Logger LOG = Logger.forClass(HttpResponse.class);

    /** What the response asks of its connection. */
    interface Connection {
        /** Stops or resumes reading the body from the socket. */
        void readBody(HttpResponse response, boolean read);

        /** Closes the connection at once: the body is not wanted any more. */
        void abortBody(HttpResponse response);
    }

    private final ResponseHead head;
    private final String version;
    private final URI requestUri;
    private final Connection connection;
    private final ArrayDeque<ByteBuffer> waiting = new ArrayDeque<>();
    private @Nullable BodyReceiver receiver;
    private boolean paused;
    private boolean received;
    private @Nullable Failure failure;
    private boolean told;
    private boolean delivering;

    HttpResponse(ResponseHead head, URI requestUri, Connection connection) {
        this(head, head.http11() ? "HTTP/1.1" : "HTTP/1.0", requestUri, connection);
    }

    HttpResponse(ResponseHead head, String version, URI requestUri, Connection connection) {
        this.head = head;
        this.version = version;
        this.requestUri = requestUri;
        this.connection = connection;
    }

    /** Returns the head as parsed. */
    ResponseHead head() {
        return head;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int code() {
        return head.code();
    }

    @Override
    public String phrase() {
        return head.reason();
    }

    @Override
    public Headers headers() {
        return head.headers();
    }

    @Override
    public long length() {
        return head.bodyLength() >= 0 ? head.bodyLength() : UNKNOWN_LENGTH;
    }

    @Override
    public URI requestUri() {
        return requestUri;
    }

    @Override
    public @Nullable Response previousResponse() {
        return null;
    }

    @Override
    public void deliverBody(BodyReceiver receiver) {
        if (this.receiver != null) {
            throw new IllegalStateException("the body of this response has already been asked for");
        }
        this.receiver = receiver;
        deliver();
        steer();
    }

    @Override
    public void pauseBody() {
        paused = true;
        steer();
    }

    @Override
    public void resumeBody() {
        paused = false;
        deliver();
        steer();
    }

    @Override
    public void abortBody() {
        if (told) {
            return;
        }
        told = true;
        waiting.clear();
        connection.abortBody(this);
        BodyReceiver r = receiver;
        if (r != null) {
            r.bodyFailed(new Failure(new CancelledError("the response body was given up")));
        }
    }

    @Override
    public Deferred<byte[]> readBody() {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        Deferred<byte[]> body = new Deferred<>(cancelled -> {
            if (!told) {
                told = true;
                waiting.clear();
                connection.abortBody(this);
                cancelled.errback(new CancelledError("reading the response body was cancelled"));
            }
        });
        deliverBody(new BodyReceiver() {
            @Override
            public void dataReceived(ByteBuffer piece) {
                if (piece.hasArray()) {
                    collected.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
                } else {
                    byte[] copy = new byte[piece.remaining()];
                    piece.get(copy);
                    collected.writeBytes(copy);
                }
            }

            @Override
            public void bodyFinished() {
                body.callback(collected.toByteArray());
            }

            @Override
            public void bodyFailed(Failure reason) {
                body.errback(reason);
            }
        });
        return body;
    }

    // ---- from the connection

    /** A piece of the body; valid only during the call. */
    void bodyReceived(ByteBuffer piece) {
        if (told) {
            return;
        }
        BodyReceiver r = receiver;
        if (r != null && !paused && waiting.isEmpty() && !delivering) {
            give(r, piece);
        } else {
            waiting.add(ByteBuffer.allocate(piece.remaining()).put(piece).flip());
        }
    }

    /** The whole body has been read from the connection. */
    void bodyFinished() {
        received = true;
        deliver();
    }

    /** The body broke off. */
    void bodyFailed(Failure reason) {
        if (failure == null && !received) {
            failure = reason;
            deliver();
        }
    }

    /** Returns whether the connection should read more of the body now. */
    boolean wantsBody() {
        return receiver != null && !paused && !told;
    }

    // ---- delivery

    private void deliver() {
        BodyReceiver r = receiver;
        if (r == null || delivering) {
            return;
        }
        delivering = true;
        try {
            while (!paused && !told && !waiting.isEmpty()) {
                give(r, waiting.poll());
            }
            if (!paused && !told && waiting.isEmpty()) {
                Failure why = failure;
                if (why != null) {
                    told = true;
                    r.bodyFailed(why);
                } else if (received) {
                    told = true;
                    finishReceiver(r);
                }
            }
        } finally {
            delivering = false;
        }
    }

    private void give(BodyReceiver r, ByteBuffer piece) {
        try {
            r.dataReceived(piece);
        } catch (Exception e) {
            receiverFailed(r, e);
        }
    }

    private void finishReceiver(BodyReceiver r) {
        try {
            r.bodyFinished();
        } catch (Exception e) {
            // The body was whole; nothing is left to fail but the receiver's own work.
            LOG.failure("response body receiver failed at the end of the body", new Failure(e));
        }
    }

    private void receiverFailed(BodyReceiver r, Exception e) {
        told = true;
        waiting.clear();
        connection.abortBody(this);
        r.bodyFailed(new Failure(e));
    }

    private void steer() {
        connection.readBody(this, wantsBody());
    }

    @Override
    public String toString() {
        return "HttpResponse[" + head.code() + " " + head.reason() + " from " + requestUri + "]";
    }
}
