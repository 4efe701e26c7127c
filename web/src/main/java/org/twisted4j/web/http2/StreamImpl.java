package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;

/**
 * One stream (RFC 9113 §5.1), opened by a client's request: open, then half-closed as either side ends it,
 * closed when both have or when it is reset. It keeps the stream's two flow-control windows, the received body
 * octets the application has not consumed yet, and the data waiting for window. On a server the stream is made
 * when the request header block arrives; on a client when its own request header block goes out, and it then
 * waits for the response head before any body.
 */
final class StreamImpl implements Http2Stream {
    /** What one turn of sending left: nothing, more to send, or data blocked by a window. */
    enum Result { DONE, MORE, BLOCKED_BY_STREAM, BLOCKED_BY_CONNECTION }

    private final Http2Connection connection;
    private final int id;
    private final List<HeaderField> requestHeaders;
    private long contentLength;
    private boolean awaitingResponse;
    private boolean client;
    private @Nullable Http2StreamHandler handler;
    final FlowWindow sendWindow;
    final FlowWindow receiveWindow;

    private long received;
    private int unconsumed;
    private boolean remoteClosed;
    private boolean localClosed;
    private boolean reset;
    private boolean headersSent;
    private boolean endQueued;
    private @Nullable List<HeaderField> trailers;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private int pendingBytes;
    /** Whether the send scheduler holds this stream. */
    boolean scheduled;

    private @Nullable Producer producer;
    private boolean producerPaused;

    StreamImpl(Http2Connection connection, int id, List<HeaderField> requestHeaders, long contentLength,
            FlowWindow sendWindow, FlowWindow receiveWindow) {
        this.connection = connection;
        this.id = id;
        this.requestHeaders = List.copyOf(requestHeaders);
        this.contentLength = contentLength;
        this.sendWindow = sendWindow;
        this.receiveWindow = receiveWindow;
    }

    void setHandler(Http2StreamHandler handler) {
        this.handler = handler;
    }

    // The application's side.

    @Override
    public int id() {
        return id;
    }

    @Override
    public List<HeaderField> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public void sendHeaders(List<HeaderField> headers, boolean endStream) {
        checkSendable();
        if (pendingBytes > 0) {
            throw new IllegalStateException("stream " + id + " has data waiting: send trailers with sendTrailers");
        }
        headersSent = true;
        if (endStream) {
            endQueued = true;
        }
        connection.writeHeaders(id, headers, endStream);
        if (endStream) {
            localEnded();
        }
    }

    @Override
    public void sendData(ByteBuffer data, boolean endStream) {
        checkSendable();
        checkHeadersSent();
        if (data.hasRemaining()) {
            ByteBuffer kept = data.duplicate(); // kept until sent, as a transport keeps what it is given
            pending.add(kept);
            pendingBytes += kept.remaining();
        }
        endQueued = endStream;
        connection.scheduleSend(this);
        Producer current = producer;
        if (current instanceof PushProducer push && !producerPaused && pendingBytes > HIGH_WATER_MARK && isOpen()) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    @Override
    public void write(ByteBuffer data) {
        sendData(data, false);
    }

    @Override
    public void sendTrailers(List<HeaderField> trailerFields) {
        checkSendable();
        checkHeadersSent();
        trailers = List.copyOf(trailerFields);
        endQueued = true;
        connection.scheduleSend(this);
    }

    @Override
    public void reset(ErrorCode code) {
        if (isOpen()) {
            connection.resetStream(this, code, "reset with " + code + " by this end", false);
        }
    }

    @Override
    public void consumed(int octets) {
        if (octets < 0 || octets > unconsumed) {
            throw new IllegalArgumentException(
                    "consumed " + octets + " octets of " + unconsumed + " received and not consumed on stream " + id);
        }
        unconsumed -= octets;
        if (isOpen()) {
            connection.released(this, octets);
        } else {
            connection.releasedOnConnection(octets);
        }
    }

    @Override
    public int bufferedBytes() {
        return pendingBytes;
    }

    @Override
    public boolean isOpen() {
        return !reset && !(localClosed && remoteClosed);
    }

    @Override
    public void registerProducer(Producer newProducer, boolean streaming) {
        Objects.requireNonNull(newProducer, "producer");
        if (producer != null) {
            throw new IllegalStateException("stream " + id + " has a producer registered already");
        }
        if (streaming != (newProducer instanceof PushProducer)) {
            throw new IllegalArgumentException("streaming must be true exactly for a PushProducer");
        }
        producer = newProducer;
        producerPaused = false;
        if (!streaming && newProducer instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        producerPaused = false;
    }

    private void checkSendable() {
        if (reset) {
            throw new IllegalStateException("stream " + id + " was reset");
        }
        if (endQueued) {
            throw new IllegalStateException("stream " + id + " was ended already");
        }
    }

    private void checkHeadersSent() {
        if (!headersSent) {
            throw new IllegalStateException("stream " + id + " has not sent its header block yet");
        }
    }

    // The connection's side: receiving.

    boolean remoteClosed() {
        return remoteClosed;
    }

    /** A client's stream: its request head is sent (ending the stream if {@code endStream}); the response is due. */
    void requestSent(List<HeaderField> headers, boolean endStream) {
        client = true;
        awaitingResponse = true;
        sendHeaders(headers, endStream);
    }

    /** Returns whether this client's stream has not had its response head yet. */
    boolean awaitingResponse() {
        return awaitingResponse;
    }

    /**
     * Takes a client's final response head; {@code contentLength} (or -1) bounds the body, and
     * {@code endStream} ends it.
     */
    void onResponse(List<HeaderField> headers, long contentLength, boolean endStream) {
        awaitingResponse = false;
        this.contentLength = contentLength;
        deliver(h -> {
            if (h instanceof Http2ResponseHandler response) {
                response.responseReceived(headers);
            }
        });
        if (endStream && !reset) {
            onRemoteEnd();
        }
    }

    /** Returns and forgets the received octets the application never consumed. */
    int takeUnconsumed() {
        int left = unconsumed;
        unconsumed = 0;
        return left;
    }

    /**
     * Takes a DATA frame.
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR past the stream window, PROTOCOL_ERROR past the Content-Length
     */
    void onData(Frame.Data data) {
        if (awaitingResponse) {
            connection.releasedOnConnection(data.flowLength());
            throw RequestHeaders.malformed(id, "DATA before the response head");
        }
        if (!receiveWindow.receive(data.flowLength())) {
            connection.releasedOnConnection(data.flowLength());
            throw Http2Exception.stream(id, ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the stream's window");
        }
        int padding = data.flowLength() - data.data().length;
        if (padding > 0) {
            connection.released(this, padding);
        }
        received += data.data().length;
        unconsumed += data.data().length;
        if (contentLength >= 0 && received > contentLength) {
            throw RequestHeaders.malformed(id, "more DATA than the content-length of " + contentLength);
        }
        if (data.data().length > 0) {
            deliver(h -> h.dataReceived(ByteBuffer.wrap(data.data())));
        }
        if (data.endStream() && !reset) {
            onRemoteEnd();
        }
    }

    /**
     * Takes a second header block: trailers, which must end the stream.
     *
     * @throws Http2Exception STREAM_CLOSED after the end, PROTOCOL_ERROR without END_STREAM or for a malformed
     *     block, ENHANCE_YOUR_CALM over the header list size
     */
    void onTrailerBlock(HpackDecoder.Block decoded, boolean endStream) {
        if (remoteClosed) {
            throw Http2Exception.stream(id, ErrorCode.STREAM_CLOSED, "HEADERS after END_STREAM");
        }
        if (!endStream) {
            throw RequestHeaders.malformed(id, "second header block without END_STREAM");
        }
        if (decoded.tooLarge()) {
            throw Http2Exception.stream(id, ErrorCode.ENHANCE_YOUR_CALM, "trailers over the header list size");
        }
        RequestHeaders.validateTrailers(id, decoded.fields());
        onTrailers(decoded.fields());
    }

    /** Takes the trailers, which end the stream. */
    private void onTrailers(List<HeaderField> fields) {
        deliver(h -> h.trailersReceived(fields));
        if (!reset) {
            onRemoteEnd();
        }
    }

    /**
     * The peer ended the stream.
     *
     * @throws Http2Exception PROTOCOL_ERROR if the body's length is not the Content-Length
     */
    void onRemoteEnd() {
        if (contentLength >= 0 && received != contentLength) {
            throw RequestHeaders.malformed(id, "body of " + received + " octets, content-length " + contentLength);
        }
        remoteClosed = true;
        if (client) {
            // A client's stream is closed first, so that what the end of the response sets off finds the
            // connection with one stream less (free for the next request).
            connection.closeIfDone(this);
            deliver(Http2StreamHandler::endOfStream);
        } else {
            deliver(Http2StreamHandler::endOfStream);
            connection.closeIfDone(this);
        }
    }

    /**
     * The stream is reset (by either side) or its connection is gone: drop what waits, tell the handler.
     * {@code unprocessed} says the peer did not act on the request (REFUSED_STREAM, or above a GOAWAY's last
     * stream), so a client may send it again.
     */
    void onReset(ErrorCode code, String reason, boolean unprocessed, boolean tellHandler) {
        if (reset) {
            return;
        }
        reset = true;
        pending.clear();
        pendingBytes = 0;
        Producer current = producer;
        producer = null;
        if (current != null) {
            current.stopProducing();
        }
        Http2StreamHandler told = handler;
        if (tellHandler && told != null) {
            try {
                if (told instanceof Http2ResponseHandler response) {
                    response.failed(code, reason, unprocessed);
                } else {
                    told.reset(code);
                }
            } catch (RuntimeException failure) {
                connection.handlerFailed(this, failure);
            }
        }
    }

    private void deliver(java.util.function.Consumer<Http2StreamHandler> call) {
        Http2StreamHandler current = handler;
        if (current == null || reset) {
            return;
        }
        try {
            call.accept(current);
        } catch (RuntimeException failure) {
            connection.handlerFailed(this, failure);
        }
    }

    // The connection's side: sending.

    /** Returns whether something (data, trailers or the end) waits to be sent. */
    boolean hasOutput() {
        return !reset && (pendingBytes > 0 || (endQueued && !localClosed));
    }

    /** Adds at most one frame of this stream's waiting output to {@code out}, as the windows allow. */
    Result writeSome(List<ByteBuffer> out, FlowWindow connectionWindow, int maxFrameSize) {
        if (!hasOutput()) {
            return Result.DONE;
        }
        if (pendingBytes == 0) {
            List<HeaderField> trailerFields = trailers;
            out.add(trailerFields != null
                    ? connection.encodeHeaders(id, trailerFields, true)
                    : FrameWriter.dataHeader(id, 0, true));
            localEnded();
            return Result.DONE;
        }
        int allowed = Math.min(Math.min(pendingBytes, maxFrameSize),
                Math.min(sendWindow.available(), connectionWindow.available()));
        if (allowed <= 0) {
            return sendWindow.available() <= 0 ? Result.BLOCKED_BY_STREAM : Result.BLOCKED_BY_CONNECTION;
        }
        sendWindow.consume(allowed);
        connectionWindow.consume(allowed);
        boolean last = pendingBytes == allowed && endQueued && trailers == null;
        out.add(FrameWriter.dataHeader(id, allowed, last));
        take(allowed, out);
        if (last) {
            localEnded();
            return Result.DONE;
        }
        return hasOutput() ? Result.MORE : Result.DONE;
    }

    /**
     * Moves the first {@code octets} waiting octets to {@code out}, as the waiting buffers themselves or
     * slices of them: a DATA frame's payload goes out as it was given, never copied.
     */
    private void take(int octets, List<ByteBuffer> out) {
        pendingBytes -= octets;
        int left = octets;
        while (left > 0) {
            ByteBuffer head = Objects.requireNonNull(pending.peek());
            int n = Math.min(head.remaining(), left);
            if (n == head.remaining()) {
                out.add(pending.poll());
            } else {
                out.add(head.slice(head.position(), n));
                head.position(head.position() + n);
            }
            left -= n;
        }
    }

    /** After a flush: resumes the producer if the backlog drained enough. */
    void afterFlush() {
        Producer current = producer;
        if (current == null || reset || endQueued || pendingBytes > LOW_WATER_MARK) {
            return;
        }
        if (current instanceof PushProducer push) {
            if (producerPaused) {
                producerPaused = false;
                push.resumeProducing();
            }
        } else if (current instanceof PullProducer pull) {
            pull.resumeProducing();
        }
    }

    private void localEnded() {
        localClosed = true;
        connection.closeIfDone(this);
    }

    boolean isClosed() {
        return !isOpen();
    }

    @Override
    public String toString() {
        return "Http2Stream[" + id + (remoteClosed ? ", remote closed" : "") + (localClosed ? ", local closed" : "")
                + (reset ? ", reset" : "") + "]";
    }
}
