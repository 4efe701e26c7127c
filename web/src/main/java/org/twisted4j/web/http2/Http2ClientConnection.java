package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorTime;

/**
 * The client face of an {@link Http2Connection}: it sends the client preface and SETTINGS, opens a stream (odd
 * identifiers, increasing) for each request, and hands the response to the request's
 * {@link Http2ResponseHandler}. Requests beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS wait in a queue
 * and start, in order, as streams close.
 *
 * <pre>{@code
 * Http2ClientConnection connection = Http2Connection.client(reactor);
 * Endpoints.connectProtocol(endpoint, connection);     // h2c with prior knowledge, or after ALPN chose h2
 * connection.request(List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
 *         new HeaderField(":authority", "example.org"), new HeaderField(":path", "/")), true, handler);
 * }</pre>
 *
 * <h2>What the server may do</h2>
 * A response is a header list with one {@code :status} and well-formed fields, else the stream is reset with
 * PROTOCOL_ERROR; interim (1xx) heads are skipped; DATA before the head is malformed. A response header list
 * over our {@link Http2Settings#maxHeaderListSize()} resets the stream (CANCEL). RST_STREAM fails its request
 * ({@code unprocessed} for REFUSED_STREAM). GOAWAY fails the streams above its last stream as unprocessed and
 * the waiting requests too, lets the others finish, and the connection takes no new request; the connection
 * closes once its streams are done. The frames of a stream this end reset or finished are dropped.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class Http2ClientConnection extends Http2Connection {
    /** How many streams are opened at once until the server's SETTINGS name a limit: 100 (RFC 9113 §6.5.2). */
    public static final int INITIAL_MAX_CONCURRENT_STREAMS = 100;

    private record Waiting(List<HeaderField> headers, boolean endStream, Http2ResponseHandler handler) {
    }

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int nextStreamId = 1;
    private long peerMaxConcurrentStreams = INITIAL_MAX_CONCURRENT_STREAMS;
    private boolean connected;
    private boolean starting;
    private @Nullable Runnable stateListener;
    private @Nullable Failure lostReason;

    Http2ClientConnection(ReactorTime time, Http2Settings settings, AbuseLimits limits) {
        super(time, settings, limits);
    }

    /**
     * Sends a request: its header block opens a stream now, or once the server's concurrency limit allows, and
     * {@link Http2ResponseHandler#started} is told. If the connection takes no new requests (GOAWAY sent or
     * received, or closed), the handler is told at once that the request {@code failed}, unprocessed.
     *
     * @param headers the request header list: {@code :method}, {@code :scheme}, {@code :authority} and
     *     {@code :path} first, then regular fields with lower-case names and no connection-specific ones
     * @param endStream true if the request has no body
     * @param handler gets the stream and the response
     * @throws IllegalArgumentException if {@code headers} is not a well-formed request header list
     * @throws NullPointerException if an argument is null
     */
    public void request(List<HeaderField> headers, boolean endStream, Http2ResponseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<HeaderField> fields = List.copyOf(headers);
        try {
            RequestHeaders.validateRequest(0, fields);
        } catch (Http2Exception malformed) {
            throw new IllegalArgumentException(malformed.getMessage(), malformed);
        }
        if (!isAcceptingStreams()) {
            handler.failed(ErrorCode.REFUSED_STREAM, "the HTTP/2 connection takes no new requests", true);
            return;
        }
        waiting.add(new Waiting(fields, endStream, handler));
        startWaiting();
        stateChanged();
    }

    /**
     * Takes back a request that is still waiting for a stream.
     *
     * @return true if it was waiting and will not be sent; false if it has started (reset its stream instead)
     *     or was never given
     */
    public boolean withdraw(Http2ResponseHandler handler) {
        boolean removed = waiting.removeIf(w -> w.handler() == handler);
        if (removed) {
            stateChanged();
        }
        return removed;
    }

    /** Returns how many requests wait for the server's concurrency limit. */
    public int waitingRequests() {
        return waiting.size();
    }

    /** Returns how many streams the server lets this end open at once (its SETTINGS_MAX_CONCURRENT_STREAMS). */
    public long maxConcurrentStreams() {
        return peerMaxConcurrentStreams;
    }

    /** Returns whether {@link #request} would send a new request: connected, no GOAWAY either way, ids left. */
    public boolean isAcceptingStreams() {
        return !closed && !goAwaySent && !goAwayReceived && nextStreamId > 0;
    }

    /**
     * Sets what to run whenever the streams open or waiting, or whether the connection takes new requests,
     * change (a pool's cue to keep, time out or drop the connection).
     */
    public void setStateListener(@Nullable Runnable listener) {
        stateListener = listener;
    }

    @Override
    public void connectionMade() {
        super.connectionMade();
        connected = true;
        startWaiting();
        stateChanged();
    }

    /** Returns why the connection was lost, or null while it is up. */
    public @Nullable Failure lostReason() {
        return lostReason;
    }

    @Override
    public void connectionLost(Failure reason) {
        lostReason = reason;
        super.connectionLost(reason);
        refuseWaiting(ErrorCode.CANCEL, "the connection was lost before the request was sent");
        stateChanged();
    }

    // The face's part.

    @Override
    void writePreface(List<ByteBuffer> out) {
        out.add(ByteBuffer.wrap(PREFACE.clone()));
    }

    @Override
    boolean prefaceReceived(ByteBuffer data) {
        return true; // the server's preface is its first SETTINGS frame, which the connection checks
    }

    @Override
    boolean isIdle(int streamId) {
        // A server opens no streams here (push is disabled), so every even-numbered stream is idle.
        return streamId % 2 == 0 || (nextStreamId > 0 && streamId >= nextStreamId);
    }

    @Override
    int lastPeerStreamId() {
        return 0;
    }

    @Override
    void peerReset() {
        // A server can reset only the streams this end opened: no flood to guard against.
    }

    @Override
    void peerGoingAway(Frame.GoAway goAway) {
        stateChanged();
        ErrorCode code = ErrorCode.of(goAway.errorCode());
        List<StreamImpl> unprocessed = new ArrayList<>();
        for (StreamImpl stream : streams.values()) {
            if (stream.id() > goAway.lastStreamId()) {
                unprocessed.add(stream);
            }
        }
        for (StreamImpl stream : unprocessed) {
            streams.remove(stream.id());
            releasedOnConnection(stream.takeUnconsumed());
            stream.onReset(code, "the server is going away (" + code + ") and did not process the request", true,
                    true);
        }
        refuseWaiting(code, "the server is going away (" + code + ")");
        stateChanged();
    }

    @Override
    void peerSettings(Frame.Settings frame) {
        for (Frame.Setting setting : frame.settings()) {
            if (setting.id() == Http2Settings.MAX_CONCURRENT_STREAMS) {
                peerMaxConcurrentStreams = setting.value();
            }
        }
        startWaiting();
        stateChanged();
    }

    @Override
    void goingAway() {
        refuseWaiting(ErrorCode.CANCEL, "the connection was closing before the request was sent");
        stateChanged();
    }

    @Override
    void streamClosed(StreamImpl stream) {
        startWaiting();
        stateChanged();
    }

    @Override
    void headerBlock(int id, HpackDecoder.Block decoded, boolean endStream, boolean selfDependent) {
        StreamImpl stream = streams.get(id);
        if (stream == null) {
            if (isIdle(id)) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "HEADERS on stream " + id
                        + ", which this client did not open");
            }
            return; // a stream this end reset or finished: its late frames are dropped
        }
        if (!stream.awaitingResponse()) {
            stream.onTrailerBlock(decoded, endStream);
            return;
        }
        if (decoded.tooLarge()) {
            throw Http2Exception.stream(id, ErrorCode.CANCEL,
                    "response header list over " + settings.maxHeaderListSize() + " octets");
        }
        ResponseHeaders head = ResponseHeaders.validate(id, decoded.fields());
        if (head.status() < 200) {
            if (head.status() == 101 || endStream) {
                throw RequestHeaders.malformed(id, "interim response " + head.status()
                        + (endStream ? " ends the stream" : " is not allowed over HTTP/2"));
            }
            return; // interim responses are skipped
        }
        boolean noBody = head.status() == 204 || head.status() == 304 || isHead(stream);
        stream.onResponse(decoded.fields(), noBody ? -1 : head.contentLength(), endStream);
    }

    private static boolean isHead(StreamImpl stream) {
        for (HeaderField field : stream.requestHeaders()) {
            if (field.name().equals(":method")) {
                return field.value().equals("HEAD");
            }
        }
        return false;
    }

    /** Opens streams for the waiting requests, in order, as far as the server's limit allows. */
    private void startWaiting() {
        if (starting || !connected) {
            return;
        }
        starting = true;
        try {
            while (!waiting.isEmpty() && isAcceptingStreams() && streams.size() < peerMaxConcurrentStreams) {
                Waiting next = waiting.poll();
                int id = nextStreamId;
                nextStreamId = id + 2; // past 2^31 - 1 it turns negative: no ids left
                StreamImpl stream = openStream(id, next.headers(), -1);
                stream.setHandler(next.handler());
                stream.requestSent(next.headers(), next.endStream());
                try {
                    next.handler().started(stream);
                } catch (RuntimeException failure) {
                    handlerFailed(stream, failure);
                }
            }
        } finally {
            starting = false;
        }
    }

    private void refuseWaiting(ErrorCode code, String reason) {
        List<Waiting> refused = List.copyOf(waiting);
        waiting.clear();
        for (Waiting each : refused) {
            try {
                each.handler().failed(code, reason, true);
            } catch (RuntimeException failure) {
                LOG.error("response handler failed: {failure}", "failure", failure);
            }
        }
    }

    private void stateChanged() {
        Runnable listener = stateListener;
        if (listener != null) {
            listener.run();
        }
    }
}
