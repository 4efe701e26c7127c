package org.twisted4j.web;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.web.http2.ErrorCode;
import org.twisted4j.web.http2.HeaderField;
import org.twisted4j.web.http2.Http2Stream;
import org.twisted4j.web.http2.Http2StreamHandler;

/**
 * One HTTP/2 stream served as a {@link Request} of the {@link Site}: the stream's header list becomes the
 * request's head, its DATA the body (collected, or given to a {@link StreamingResource}'s receiver), and its
 * end renders the request through the same tree as HTTP/1.1. Flow control stands in for TCP's back-pressure:
 * the body's octets are handed back to the client's windows as they are taken, and not while the body is
 * {@linkplain Request#pauseBody() paused}. Reactor thread only.
 */
final class Http2StreamRequest implements RequestChannel, Http2StreamHandler {

    private final HTTPChannel connection;
    private final Http2Stream stream;
    private final Request request;
    private final ArrayDeque<ByteBuffer> heldPieces = new ArrayDeque<>();
    private boolean routed;
    private boolean ended;
    private boolean paused;
    private boolean failed;

    Http2StreamRequest(HTTPChannel connection, Http2Stream stream) {
        this.connection = connection;
        this.stream = stream;
        RequestHead head = headOf(stream.requestHeaders());
        this.request = new Request(this, head, new Http2Response(stream, connection.site()));
        if (head.expectContinue()) {
            route();
            if (!request.isFinished() && stream.isOpen()) {
                stream.sendHeaders(List.of(new HeaderField(":status", "100")), false);
            }
        }
    }

    /** Makes the request's head from the stream's header list; {@code :authority} becomes a Host field. */
    static RequestHead headOf(List<HeaderField> fields) {
        String method = "";
        String path = "";
        String authority = null;
        Headers headers = new Headers();
        for (HeaderField field : fields) {
            switch (field.name()) {
                case ":method" -> method = field.value();
                case ":path" -> path = field.value();
                case ":authority" -> authority = field.value();
                case ":scheme" -> {
                    // Known from the connection.
                }
                default -> headers.addUnchecked(field.name(), field.value());
            }
        }
        if (authority != null && !headers.contains("Host")) {
            headers.addUnchecked("Host", authority);
        }
        String length = headers.get("Content-Length");
        long contentLength = length == null ? -1 : Long.parseLong(length.strip());
        String expect = headers.get("Expect");
        return new RequestHead(method, path, true, headers, contentLength,
                expect != null && expect.equalsIgnoreCase("100-continue"), "HTTP/2.0");
    }

    /** Finds the request's resource before its body, letting a {@link StreamingResource} refuse or take it. */
    private void route() {
        if (!routed) {
            routed = true;
            connection.site().route(request);
        }
    }

    // ---- the stream's events

    @Override
    public void dataReceived(ByteBuffer data) {
        int n = data.remaining();
        route();
        if (request.isFinished() || failed) {
            stream.consumed(n);
            return;
        }
        if (paused) {
            heldPieces.add(ByteBuffer.allocate(n).put(data).flip());
            return;
        }
        deliver(data);
    }

    private void deliver(ByteBuffer piece) {
        int n = piece.remaining();
        try {
            request.bodyPiece(piece);
        } catch (Exception e) {
            fail(e);
        }
        if (stream.isOpen()) {
            stream.consumed(n);
        }
    }

    @Override
    public void endOfStream() {
        ended = true;
        if (!paused) {
            finishBody();
        }
    }

    private void finishBody() {
        if (request.isFinished() || failed) {
            return;
        }
        try {
            if (!request.bodyEnded()) {
                return;
            }
        } catch (Exception e) {
            fail(e);
            return;
        }
        connection.site().render(request);
    }

    private void fail(Exception e) {
        failed = true;
        connection.site().processingFailed(request, new Failure(e));
    }

    @Override
    public void reset(ErrorCode code) {
        Failure reason = new Failure(new ConnectionLost("the HTTP/2 stream was reset: " + code));
        heldPieces.clear();
        if (ended) {
            request.connectionLost(reason);
        } else {
            request.bodyFailed(reason);
        }
    }

    // ---- what the request asks of its connection

    @Override
    public Site site() {
        return connection.site();
    }

    @Override
    public Address host() {
        return connection.host();
    }

    @Override
    public Address peer() {
        return connection.peer();
    }

    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    @Override
    public boolean bodyUnread(Request r) {
        return !ended;
    }

    @Override
    public void pauseBody(Request r) {
        paused = !ended;
    }

    @Override
    public void resumeBody(Request r) {
        if (!paused) {
            return;
        }
        paused = false;
        ByteBuffer piece;
        while (!paused && (piece = heldPieces.poll()) != null) {
            deliver(piece);
        }
        if (ended && !paused) {
            finishBody();
        }
    }

    @Override
    public void switchProtocols(Request r, Protocol protocol) {
        throw new IllegalStateException("a request over HTTP/2 cannot switch protocols");
    }

    @Override
    public void requestDone(Request r) {
        connection.site().logAccess(r);
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        stream.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        stream.unregisterProducer();
    }

    @Override
    public void abortConnection() {
        stream.reset(ErrorCode.CANCEL);
    }

    @Override
    public @Nullable FileRegionTransport fileRegions() {
        return null;
    }
}
