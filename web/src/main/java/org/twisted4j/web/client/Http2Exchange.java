package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.Headers;
import org.twisted4j.web.http2.ErrorCode;
import org.twisted4j.web.http2.HeaderField;
import org.twisted4j.web.http2.Http2ClientConnection;
import org.twisted4j.web.http2.Http2ResponseHandler;
import org.twisted4j.web.http2.Http2Stream;
import org.twisted4j.web.internal.ResponseHead;

/**
 * One request on an HTTP/2 connection: sends its head and body on a stream, makes the {@link HttpResponse}
 * from the response head, and feeds it the body, returning flow-control credit only as the receiver takes
 * the pieces, so that a paused or absent receiver stops the server once the stream's window is used.
 *
 * <h2>Failures</h2>
 * Before the response head: a {@link ResponseNeverReceived} (the stream reset or refused, the connection lost,
 * or the response timeout passed; caused by a {@link StreamRefused} when the server did not process the
 * request), a {@link RequestTransmissionFailed} (the body could not be sent) or a {@link CancelledError}.
 * Cancelling resets the stream with CANCEL and leaves the connection to the other streams. After the head, the
 * body fails with a {@link ResponseFailed}.
 *
 * <p>Threading: reactor thread only.
 */
final class Http2Exchange implements Http2ResponseHandler, HttpResponse.Connection {

    private final Http2ClientConnection connection;
    private final ClientRequest request;
    private final ReactorTime clock;
    private final Deferred<Response> result = new Deferred<>(this::cancel);
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    private @Nullable Http2Stream stream;
    private @Nullable HttpResponse response;
    private @Nullable BodyWriter writer;
    private @Nullable DelayedCall timer;
    private boolean ended;
    private boolean finished;
    private boolean draining;

    Http2Exchange(Http2ClientConnection connection, ClientRequest request, ReactorTime clock) {
        this.connection = connection;
        this.request = request;
        this.clock = clock;
    }

    /** Sends the request; the response timeout counts from now, waiting for a stream included. */
    Deferred<Response> start(double responseTimeout, @Nullable String userAgent) {
        if (responseTimeout > 0) {
            timer = clock.callLater(responseTimeout, () -> timedOut(responseTimeout));
        }
        try {
            connection.request(request.http2Head(userAgent), request.body() == null, this);
        } catch (IllegalArgumentException malformed) {
            cancelTimer();
            result.errback(new RequestTransmissionFailed("the request cannot be sent over HTTP/2: "
                    + malformed.getMessage(), malformed));
        }
        return result;
    }

    // ---- the stream

    @Override
    public void started(Http2Stream started) {
        stream = started;
        BodyProducer body = request.body();
        if (body == null) {
            return;
        }
        BodyWriter bodyWriter = new BodyWriter(started, body, false);
        writer = bodyWriter;
        bodyWriter.start().addCallbacks(ignored -> {
            if (writer == bodyWriter) {
                writer = null;
                if (started.isOpen()) {
                    started.sendData(ByteBuffer.allocate(0), true);
                }
            }
            return null;
        }, failure -> {
            bodyFailed(bodyWriter, failure);
            return null;
        });
    }

    @Override
    public void responseReceived(List<HeaderField> fields) {
        cancelTimer();
        if (result.isCalled()) {
            return;
        }
        int code = 0;
        long length = -1;
        Headers headers = new Headers();
        try {
            for (HeaderField field : fields) {
                if (field.name().equals(":status")) {
                    code = Integer.parseInt(field.value());
                } else if (!field.isPseudo()) {
                    headers.add(field.name(), field.value());
                    if (field.name().equals("content-length")) {
                        length = Long.parseLong(field.value());
                    }
                }
            }
        } catch (IllegalArgumentException bad) {
            resetStream();
            result.errback(new ResponseFailed("bad HTTP/2 response head: " + bad.getMessage(), bad));
            return;
        }
        if (request.isHead() || code == 204 || code == 304) {
            length = 0;
        }
        HttpResponse made = new HttpResponse(new ResponseHead(true, code, "", headers, length), "HTTP/2",
                request.uri(), this);
        response = made;
        result.callback(made);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        HttpResponse r = response;
        if (r == null || finished) {
            consume(data.remaining());
            return;
        }
        if (held.isEmpty() && r.wantsBody() && !draining) {
            int n = data.remaining();
            r.bodyReceived(data);
            consume(n);
        } else {
            held.add(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    }

    @Override
    public void endOfStream() {
        ended = true;
        drain();
    }

    @Override
    public void failed(ErrorCode code, String reason, boolean unprocessed) {
        cancelTimer();
        stopBody(reason);
        if (!result.isCalled()) {
            Failure lost = connection.lostReason();
            Throwable cause = unprocessed ? new StreamRefused(reason) : lost != null ? lost.value() : null;
            result.errback(new ResponseNeverReceived("no HTTP/2 response: " + reason, cause));
            return;
        }
        HttpResponse r = response;
        if (r == null || finished || (ended && code == ErrorCode.NO_ERROR)) {
            return; // a server that has answered may stop the request body with NO_ERROR (RFC 9113 §8.1)
        }
        finished = true;
        held.clear();
        r.bodyFailed(new Failure(new ResponseFailed("the HTTP/2 response broke off: " + reason, null)));
    }

    // ---- HttpResponse.Connection

    @Override
    public void readBody(HttpResponse which, boolean read) {
        if (read && which == response) {
            drain();
        }
    }

    @Override
    public void abortBody(HttpResponse which) {
        if (which == response && !finished) {
            finished = true;
            held.clear();
            stopBody("the response body is not wanted");
            resetStream();
        }
    }

    // ---- internals

    /** Gives the held pieces to the response while it wants them, returning their credit; then the end. */
    private void drain() {
        HttpResponse r = response;
        if (r == null || draining || finished) {
            return;
        }
        draining = true;
        try {
            while (!held.isEmpty() && r.wantsBody()) {
                ByteBuffer piece = held.poll();
                int n = piece.remaining();
                r.bodyReceived(piece);
                consume(n);
            }
            if (ended && held.isEmpty() && !finished) {
                finished = true;
                r.bodyFinished();
            }
        } finally {
            draining = false;
        }
    }

    private void consume(int octets) {
        Http2Stream s = stream;
        if (s != null && s.isOpen() && octets > 0) {
            s.consumed(octets);
        }
    }

    private void bodyFailed(BodyWriter w, Failure failure) {
        Http2Stream s = stream;
        if (w != writer || s == null || !s.isOpen()) {
            return; // stopped on purpose, or the stream's end is reported by failed()
        }
        writer = null;
        cancelTimer();
        s.reset(ErrorCode.CANCEL);
        if (!result.isCalled()) {
            result.errback(failure);
        } else if (response != null && !finished) {
            finished = true;
            held.clear();
            response.bodyFailed(failure);
        }
    }

    private void stopBody(String reason) {
        BodyWriter w = writer;
        writer = null;
        if (w != null) {
            w.stop(new ResponseFailed(reason, null));
        }
    }

    private void resetStream() {
        Http2Stream s = stream;
        if (s != null) {
            s.reset(ErrorCode.CANCEL);
        } else {
            connection.withdraw(this);
        }
    }

    private void cancel(Deferred<Response> d) {
        cancelTimer();
        stopBody("the request was cancelled");
        resetStream();
        if (!d.isCalled()) {
            d.errback(new CancelledError("the request was cancelled before its response arrived"));
        }
    }

    private void timedOut(double seconds) {
        timer = null;
        if (result.isCalled()) {
            return;
        }
        stopBody("no response in time");
        resetStream();
        result.errback(new ResponseNeverReceived("no response within " + seconds + " seconds",
                new TimeoutError(seconds, "response")));
    }

    private void cancelTimer() {
        DelayedCall t = timer;
        timer = null;
        if (t != null && t.active()) {
            t.cancel();
        }
    }

    @Override
    public String toString() {
        return "Http2Exchange[" + request.method() + " " + request.uri() + " on " + stream + "]";
    }
}
