package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.internal.ResponseHead;
import org.twisted4j.web.internal.ResponseParser;

/**
 * One HTTP/1.1 client connection: sends one request at a time (head, then the body under the transport's
 * back-pressure), parses the response with {@link ResponseParser}, hands it over once its head is in, and
 * streams its body to the {@link HttpResponse}, pausing the transport while the body is not wanted.
 *
 * <h2>After a response</h2>
 * Once the response has been read to its end from the connection, the connection is idle again and the
 * idle listener (the pool) is told, if the request and response allow another request: the request was
 * persistent and sent whole, the response was HTTP/1.1 (or 1.0 with {@code keep-alive}) without
 * {@code Connection: close}, its body was not delimited by the close, and nothing followed it. Otherwise the
 * connection is closed. Bytes arriving while idle close it too. A response that ends before the request body
 * was all sent stops the body and closes the connection if it is an error (300 and up); a success lets the
 * body go on, and the connection is idle, and the response told of its end, once the body is sent.
 *
 * <h2>Failures</h2>
 * Before the response head: the request's Deferred fails with a {@link ResponseNeverReceived} (the connection
 * ended, or the response timeout passed, before any response byte), a {@link ResponseFailed} (a bad or cut
 * head), a {@link RequestTransmissionFailed} (the body could not be sent), or a {@link CancelledError}. After
 * it, the body fails with a {@link ResponseFailed}. In every case the connection is closed.
 *
 * <p>Threading: reactor thread only.
 */
final class HTTP11ClientProtocol extends Protocol
        implements ResponseParser.Listener, HttpResponse.Connection, PooledConnection {

    private enum State { IDLE, BUSY, CLOSING, CLOSED }

    private final ReactorTime clock;
    private State state = State.IDLE;
    private @Nullable ClientRequest request;
    private @Nullable ResponseParser parser;
    private @Nullable Deferred<Response> waiting;
    private @Nullable HttpResponse response;
    private @Nullable BodyWriter writer;
    private @Nullable DelayedCall responseTimer;
    private @Nullable Failure lostReason;
    private @Nullable Runnable idleListener;
    private @Nullable Runnable lossListener;
    private boolean bodySent;
    private boolean responseRead;
    private boolean responseBytes;
    private boolean readingPaused;
    private int requests;

    HTTP11ClientProtocol(ReactorTime clock) {
        this.clock = clock;
    }

    /** Sets what to run each time the connection becomes idle and reusable after a response. */
    void setIdleListener(@Nullable Runnable listener) {
        idleListener = listener;
    }

    /** Sets what to run when the connection is lost. */
    void setLossListener(@Nullable Runnable listener) {
        lossListener = listener;
    }

    /** Returns whether a request may be sent now. */
    boolean isIdle() {
        return state == State.IDLE;
    }

    /** Returns how many requests have been sent on this connection. */
    int requestCount() {
        return requests;
    }

    /** Closes the connection once what was written has gone out. */
    @Override
    public void close() {
        if (state != State.CLOSED) {
            state = State.CLOSING;
            resumeReading();
            transport().loseConnection();
        }
    }

    /**
     * Sends a request.
     *
     * @param request the request
     * @param responseTimeout seconds from the request's head being written to the response's head, or 0 for
     *     no limit
     * @param userAgent the User-Agent field to add unless the request has one, or null
     * @return fires with the response once its head is in; see the class description for its failures
     */
    @Override
    public Deferred<Response> request(ClientRequest request, double responseTimeout, @Nullable String userAgent) {
        if (state != State.IDLE) {
            return Deferred.fail(new ResponseNeverReceived("the connection is " + (state == State.BUSY
                    ? "busy with another request" : "closed") + "; the request was not sent", lostReason == null
                    ? null : lostReason.value()));
        }
        state = State.BUSY;
        requests++;
        this.request = request;
        parser = new ResponseParser(this, request.isHead());
        response = null;
        bodySent = false;
        responseRead = false;
        responseBytes = false;
        Deferred<Response> result = new Deferred<>(this::cancel);
        waiting = result;
        transport().write(request.encodeHead(userAgent));
        if (responseTimeout > 0) {
            responseTimer = clock.callLater(responseTimeout, () -> responseTimedOut(responseTimeout));
        }
        BodyProducer body = request.body();
        if (body == null) {
            bodySent = true;
        } else {
            BodyWriter bodyWriter = new BodyWriter(transport(), body, true);
            writer = bodyWriter;
            bodyWriter.start().addCallbacks(ignored -> {
                bodyDone(bodyWriter);
                return null;
            }, failure -> {
                bodyFailed(bodyWriter, failure);
                return null;
            });
        }
        return result;
    }

    // ---- the connection

    @Override
    public void dataReceived(ByteBuffer data) {
        ResponseParser p = parser;
        if (state != State.BUSY || p == null) {
            if (state == State.IDLE) {
                abort(); // a server that talks out of turn cannot be trusted with another request
            }
            return;
        }
        responseBytes = true;
        p.feed(data);
        if (responseRead && p == parser) {
            responseComplete(p);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        State was = state;
        state = State.CLOSED;
        lostReason = reason;
        cancelTimer();
        BodyWriter w = writer;
        writer = null;
        if (w != null) {
            w.stop(reason.value());
        }
        if (was == State.BUSY) {
            Deferred<Response> d = waiting;
            waiting = null;
            if (d != null) {
                d.errback(new Failure(neverOrFailed(reason)));
            } else if (responseRead && parser != null) {
                responseComplete(parser); // read whole, while the request body was still going out
            } else if (response != null && parser != null) {
                parser.connectionClosed();
            }
        }
        Runnable listener = lossListener;
        if (listener != null) {
            listener.run();
        }
    }

    private Throwable neverOrFailed(Failure reason) {
        if (!bodySent) {
            return new RequestTransmissionFailed("the connection was lost while sending the request",
                    reason.value());
        }
        if (!responseBytes) {
            return new ResponseNeverReceived("the connection was closed before any response arrived",
                    reason.value());
        }
        return new ResponseFailed("the connection was closed in the response head", reason.value());
    }

    // ---- ResponseParser.Listener

    @Override
    public void headReceived(ResponseHead head) {
        cancelTimer();
        ClientRequest sent = request;
        Deferred<Response> d = waiting;
        if (sent == null || d == null) {
            return;
        }
        waiting = null;
        HttpResponse made = new HttpResponse(head, sent.uri(), this);
        response = made;
        readBody(made, false); // held back until someone asks for the body
        d.callback(made);
    }

    @Override
    public void bodyReceived(ByteBuffer piece) {
        HttpResponse r = response;
        if (r != null) {
            r.bodyReceived(piece);
        }
    }

    /**
     * The response has been read to its end. The response hears of it only once the connection is idle (or
     * closing), so that a receiver that sends the next request at once finds the connection in the pool.
     */
    @Override
    public void bodyFinished() {
        responseRead = true;
        if (state == State.CLOSED && parser != null) {
            responseComplete(parser); // a body read until the close
        }
    }

    @Override
    public void parseFailed(String reason) {
        Throwable cause = lostReason != null ? lostReason.value() : null;
        Deferred<Response> d = waiting;
        waiting = null;
        cancelTimer();
        if (d != null) {
            abort();
            d.errback(new Failure(new ResponseFailed("bad response: " + reason, cause)));
            return;
        }
        HttpResponse r = response;
        abort();
        if (r != null) {
            r.bodyFailed(new Failure(new ResponseFailed("the response body could not be read: " + reason, cause)));
        }
    }

    // ---- HttpResponse.Connection

    @Override
    public void readBody(HttpResponse which, boolean read) {
        if (which != response || responseRead || state != State.BUSY) {
            return;
        }
        if (read) {
            resumeReading();
        } else if (!readingPaused) {
            readingPaused = true;
            transport().pauseProducing();
        }
    }

    @Override
    public void abortBody(HttpResponse which) {
        if (which == response && !responseRead) {
            abort();
        }
    }

    // ---- internals

    private void bodyDone(BodyWriter w) {
        if (w != writer) {
            return;
        }
        writer = null;
        bodySent = true;
        if (responseRead && parser != null) {
            responseComplete(parser); // the response came first; the connection goes on now
        }
    }

    private void bodyFailed(BodyWriter w, Failure failure) {
        if (w != writer) {
            return;
        }
        writer = null;
        Deferred<Response> d = waiting;
        waiting = null;
        cancelTimer();
        abort();
        if (d != null) {
            d.errback(failure);
        }
    }

    /** The response has been read to its end: go idle or close. */
    private void responseComplete(ResponseParser p) {
        ClientRequest sent = request;
        HttpResponse r = response;
        if (sent == null || r == null || p != parser) {
            return;
        }
        if (state != State.BUSY) {
            clear();
            r.bodyFinished();
            return;
        }
        if (!bodySent) {
            if (r.code() < 300 && writer != null) {
                // Answered with success before the body was all sent: send the rest (RFC 9110 §10.1.1), and
                // go on from here once it is sent.
                return;
            }
            // Answered with an error before the body was all sent: the server wants no more of it, and the
            // connection cannot carry another request after a body cut short.
            BodyWriter w = writer;
            writer = null;
            if (w != null) {
                w.stop(new ResponseFailed("the response came before the request body was sent", null));
            }
            clear();
            close();
            r.bodyFinished();
            return;
        }
        boolean reusable = sent.persistent() && r.head().keepAlive() && !p.sawInputAfterResponse()
                && !transport().isDisconnecting();
        clear();
        resumeReading();
        if (reusable) {
            state = State.IDLE;
            Runnable listener = idleListener;
            if (listener != null) {
                listener.run();
            } else {
                close();
            }
        } else {
            close();
        }
        r.bodyFinished();
    }

    private void clear() {
        request = null;
        parser = null;
        response = null;
    }

    private void cancel(Deferred<Response> d) {
        if (waiting == d) {
            waiting = null;
            cancelTimer();
            abort();
            d.errback(new CancelledError("the request was cancelled before its response arrived"));
        }
    }

    private void responseTimedOut(double seconds) {
        responseTimer = null;
        Deferred<Response> d = waiting;
        if (d != null) {
            waiting = null;
            abort();
            d.errback(new ResponseNeverReceived("no response within " + seconds + " seconds",
                    new TimeoutError(seconds, "response")));
        }
    }

    private void resumeReading() {
        if (readingPaused && state != State.CLOSED) {
            readingPaused = false;
            transport().resumeProducing();
        }
    }

    private void cancelTimer() {
        DelayedCall t = responseTimer;
        responseTimer = null;
        if (t != null && t.active()) {
            t.cancel();
        }
    }

    private void abort() {
        if (state != State.CLOSED) {
            state = State.CLOSING;
            transport().abortConnection();
        }
    }

    @Override
    public String toString() {
        return "HTTP11ClientProtocol[" + state + ", " + requests + " requests]";
    }
}
