package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.twisted4j.internet.ReactorTime;

/**
 * The server face of an {@link Http2Connection}: it checks the client's preface, opens a stream for each request
 * header block and hands it to the application's {@link Http2StreamHandler}. Stream identifiers must be odd and
 * increasing; a request header list must be well formed; streams over our MAX_CONCURRENT_STREAMS are refused and
 * a header list over our limit is answered with 431.
 */
final class ServerConnection extends Http2Connection {
    private final Http2StreamHandler.Factory handlers;
    private int prefaceMatched;
    private int lastPeerStreamId;

    ServerConnection(ReactorTime time, Http2StreamHandler.Factory handlers, Http2Settings settings,
            AbuseLimits limits) {
        super(time, settings, limits);
        this.handlers = Objects.requireNonNull(handlers, "handlers");
    }

    @Override
    void writePreface(List<ByteBuffer> out) {
        // The server's preface is its SETTINGS frame alone.
    }

    @Override
    boolean prefaceReceived(ByteBuffer data) {
        while (prefaceMatched < PREFACE.length && data.hasRemaining()) {
            if (data.get() != PREFACE[prefaceMatched++]) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "invalid connection preface");
            }
        }
        return prefaceMatched == PREFACE.length;
    }

    @Override
    boolean isIdle(int streamId) {
        return streamId > lastPeerStreamId;
    }

    @Override
    int lastPeerStreamId() {
        return lastPeerStreamId;
    }

    @Override
    void peerReset() {
        guard.reset();
    }

    @Override
    void peerGoingAway(Frame.GoAway goAway) {
        // The streams open go on; a client opens no more.
    }

    @Override
    void peerSettings(Frame.Settings frame) {
        // Nothing of a client's settings binds a server beyond what the connection applies.
    }

    @Override
    void goingAway() {
        // Later streams are ignored when their HEADERS come.
    }

    @Override
    void streamClosed(StreamImpl stream) {
        // Nothing waits for a stream to close.
    }

    @Override
    void headerBlock(int id, HpackDecoder.Block decoded, boolean endStream, boolean selfDependent) {
        StreamImpl stream = streams.get(id);
        if (stream != null) {
            stream.onTrailerBlock(decoded, endStream);
            return;
        }
        if (id % 2 == 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "client opened even-numbered stream " + id);
        }
        if (!isIdle(id)) {
            throw Http2Exception.stream(id, ErrorCode.STREAM_CLOSED, "HEADERS on closed stream " + id);
        }
        lastPeerStreamId = id;
        if (goAwaySent) {
            return;
        }
        if (selfDependent) {
            throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
        }
        if (streams.size() >= settings.maxConcurrentStreams()) {
            throw Http2Exception.stream(id, ErrorCode.REFUSED_STREAM,
                    "more than " + settings.maxConcurrentStreams() + " concurrent streams");
        }
        if (decoded.tooLarge()) {
            headerListTooLarge(id, endStream);
            return;
        }
        long contentLength = RequestHeaders.validateRequest(id, decoded.fields());
        StreamImpl opened = openStream(id, decoded.fields(), contentLength);
        try {
            opened.setHandler(Objects.requireNonNull(handlers.newStream(opened), "stream handler"));
        } catch (RuntimeException failure) {
            handlerFailed(opened, failure);
            return;
        }
        if (endStream) {
            opened.onRemoteEnd();
        }
    }

    /** Answers a request whose header list is over the limit with 431, and asks the client to stop sending. */
    private void headerListTooLarge(int id, boolean endStream) {
        LOG.debug("header list over {limit} octets on stream {stream}", "limit", settings.maxHeaderListSize(),
                "stream", id);
        sender.write(encodeHeaders(id, List.of(new HeaderField(":status", "431")), true));
        if (!endStream) {
            sender.write(FrameWriter.rstStream(id, ErrorCode.NO_ERROR));
        }
    }
}
