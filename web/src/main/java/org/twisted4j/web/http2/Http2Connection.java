package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;

/**
 * The server side of an HTTP/2 connection (RFC 9113) on one transport: it checks the client's preface,
 * exchanges SETTINGS, opens a stream for each request header block and hands it to the application's
 * {@link Http2StreamHandler}, runs flow control both ways, answers PING, and ends with GOAWAY.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Factory factory = Factory.forProtocol(() -> Http2Connection.server(reactor, stream -> new Hello(stream)));
 * reactor.listenTCP(8080, factory, 50, "127.0.0.1");   // h2c with prior knowledge
 * }</pre>
 *
 * <h2>Protocol rules enforced</h2>
 * Stream identifiers must be odd and increasing; the request header list must be well formed (§8.3: the
 * request pseudo-headers, lower-case names, no connection-specific fields, a body as long as its
 * Content-Length), else the stream is reset with PROTOCOL_ERROR. A header block must come in one HEADERS frame
 * and its CONTINUATION frames with nothing in between. PRIORITY frames are accepted and ignored, as RFC 9113
 * deprecates the scheme. PUSH_PROMISE from a client is a PROTOCOL_ERROR. Streams over
 * {@link Http2Settings#maxConcurrentStreams()} are refused with REFUSED_STREAM, a header list over
 * {@link Http2Settings#maxHeaderListSize()} is answered with status 431, and the floods of
 * {@link AbuseLimits} end the connection with ENHANCE_YOUR_CALM.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every {@link Protocol}.
 */
public final class Http2Connection extends Protocol {
    private static final Logger LOG = Logger.forClass(Http2Connection.class);
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1);

    private final Http2Settings settings;
    private final Http2StreamHandler.Factory handlers;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final HeaderBlockAssembler headerBlock;
    private final SendScheduler sender = new SendScheduler();
    private final FlowWindow receiveWindow;
    private final Map<Integer, StreamImpl> streams = new HashMap<>();
    private final AbuseGuard guard;

    private int prefaceMatched;
    private boolean settingsReceived;
    private boolean settingsAcknowledged;
    private int lastPeerStreamId;
    private int peerInitialWindow = Http2Settings.DEFAULT_WINDOW;
    private boolean goAwaySent;
    private boolean goAwayReceived;
    private boolean closed;

    private Http2Connection(ReactorTime time, Http2StreamHandler.Factory handlers, Http2Settings settings,
            AbuseLimits limits) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(limits, "limits");
        reader = new FrameReader(settings.maxFrameSize());
        decoder = new HpackDecoder(Math.max(4096, settings.headerTableSize()), settings.maxHeaderListSize(),
                limits.maxHeaderBlockBytes());
        headerBlock = new HeaderBlockAssembler(limits);
        receiveWindow = new FlowWindow(Http2Settings.DEFAULT_WINDOW, settings.connectionWindowSize() / 2);
        guard = new AbuseGuard(Objects.requireNonNull(time, "time"), limits);
    }

    /**
     * Returns a server-side connection with the default {@link Http2Settings} and {@link AbuseLimits}.
     *
     * @param time the reactor's clock, for the abuse limits' windows of time
     * @param handlers makes the handler of each stream a client opens
     * @throws NullPointerException if an argument is null
     */
    public static Http2Connection server(ReactorTime time, Http2StreamHandler.Factory handlers) {
        return server(time, handlers, Http2Settings.DEFAULT, AbuseLimits.DEFAULT);
    }

    /**
     * Returns a server-side connection announcing {@code settings} and enforcing {@code limits}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Http2Connection server(ReactorTime time, Http2StreamHandler.Factory handlers,
            Http2Settings settings, AbuseLimits limits) {
        return new Http2Connection(time, handlers, settings, limits);
    }

    /** Returns how many streams are open or half-closed. */
    public int activeStreams() {
        return streams.size();
    }

    /**
     * Starts a graceful shutdown: sends GOAWAY (NO_ERROR) naming the last stream taken, finishes the streams
     * open, then closes the connection. Later streams are ignored.
     */
    public void goAway() {
        if (closed || goAwaySent) {
            return;
        }
        goAwaySent = true;
        sender.write(FrameWriter.goAway(lastPeerStreamId, ErrorCode.NO_ERROR, new byte[0]));
        closeIfIdle();
    }

    @Override
    public void connectionMade() {
        sender.start(transport());
        List<ByteBuffer> preface = new ArrayList<>();
        preface.add(FrameWriter.settings(settings.toFrameSettings()));
        int raise = settings.connectionWindowSize() - Http2Settings.DEFAULT_WINDOW;
        if (raise > 0) {
            receiveWindow.expand(raise);
            preface.add(FrameWriter.windowUpdate(0, raise));
        }
        transport().writeSequence(preface);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        sender.hold();
        try {
            if (!matchPreface(data)) {
                return;
            }
            while (!closed) {
                Frame frame;
                try {
                    frame = reader.next(data);
                    if (frame == null) {
                        return;
                    }
                    handle(frame);
                } catch (Http2Exception e) {
                    if (e.isConnectionError()) {
                        throw e;
                    }
                    streamError(e);
                }
            }
        } catch (Http2Exception e) {
            connectionError(e.code(), e.getMessage());
        } finally {
            sender.release();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        sender.lost();
        for (StreamImpl stream : List.copyOf(streams.values())) {
            stream.onReset(ErrorCode.CANCEL, true);
        }
        streams.clear();
    }

    private boolean matchPreface(ByteBuffer data) {
        while (prefaceMatched < PREFACE.length && data.hasRemaining()) {
            if (data.get() != PREFACE[prefaceMatched++]) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "invalid connection preface");
            }
        }
        return prefaceMatched == PREFACE.length;
    }

    private void handle(Frame frame) {
        if (headerBlock.expectingContinuation()
                && !(frame instanceof Frame.Continuation c && c.streamId() == headerBlock.streamId())) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
                    "header block of stream " + headerBlock.streamId() + " interrupted by " + frame);
        }
        if (!settingsReceived) {
            if (!(frame instanceof Frame.Settings s) || s.ack()) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "first frame is not SETTINGS");
            }
            settingsReceived = true;
        }
        switch (frame) {
            case Frame.Data data -> onData(data);
            case Frame.Headers headers -> {
                if (headerBlock.start(headers, guard)) {
                    headerBlockDone();
                }
            }
            case Frame.Continuation continuation -> {
                if (headerBlock.continuation(continuation, guard)) {
                    headerBlockDone();
                }
            }
            case Frame.Priority priority -> {
                if (priority.priority().dependency() == priority.streamId()) {
                    throw Http2Exception.stream(priority.streamId(), ErrorCode.PROTOCOL_ERROR,
                            "stream depends on itself");
                }
            }
            case Frame.RstStream rst -> onRstStream(rst);
            case Frame.Settings s -> onSettings(s);
            case Frame.PushPromise push -> throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
                    "PUSH_PROMISE from a client");
            case Frame.Ping ping -> onPing(ping);
            case Frame.GoAway goAway -> onGoAway(goAway);
            case Frame.WindowUpdate update -> onWindowUpdate(update);
            case Frame.Unknown unknown -> {
                // §4.1: frames of unknown types are ignored.
            }
        }
    }

    private boolean isIdle(int streamId) {
        return streamId > lastPeerStreamId;
    }

    private void onData(Frame.Data data) {
        if (data.flowLength() == 0 && !data.endStream()) {
            guard.emptyFrame(FrameType.DATA);
        }
        if (!receiveWindow.receive(data.flowLength())) {
            throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
        }
        StreamImpl stream = streams.get(data.streamId());
        if (stream == null || stream.remoteClosed()) {
            releasedOnConnection(data.flowLength());
            if (isIdle(data.streamId())) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "DATA on idle stream " + data.streamId());
            }
            if (stream != null) {
                throw Http2Exception.stream(data.streamId(), ErrorCode.STREAM_CLOSED, "DATA after END_STREAM");
            }
            return;
        }
        stream.onData(data);
    }

    private void headerBlockDone() {
        int id = headerBlock.streamId();
        boolean endStream = headerBlock.endStream();
        boolean selfDependent = headerBlock.selfDependent();
        byte[] block = headerBlock.finish();
        // Decoded whatever becomes of the stream, so the dynamic table stays in step with the peer's.
        HpackDecoder.Block decoded = decoder.decode(block, 0, block.length);
        StreamImpl stream = streams.get(id);
        if (stream != null) {
            onTrailers(stream, decoded, endStream);
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
        FlowWindow send = new FlowWindow(peerInitialWindow);
        FlowWindow receive = new FlowWindow(streamReceiveWindow(), settings.initialWindowSize() / 2);
        StreamImpl opened = new StreamImpl(this, id, decoded.fields(), contentLength, send, receive);
        streams.put(id, opened);
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

    private void onTrailers(StreamImpl stream, HpackDecoder.Block decoded, boolean endStream) {
        int id = stream.id();
        if (stream.remoteClosed()) {
            throw Http2Exception.stream(id, ErrorCode.STREAM_CLOSED, "HEADERS after END_STREAM");
        }
        if (!endStream) {
            throw RequestHeaders.malformed(id, "second header block without END_STREAM");
        }
        if (decoded.tooLarge()) {
            throw Http2Exception.stream(id, ErrorCode.ENHANCE_YOUR_CALM, "trailers over the header list size");
        }
        RequestHeaders.validateTrailers(id, decoded.fields());
        stream.onTrailers(decoded.fields());
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

    private int streamReceiveWindow() {
        // Until the peer acknowledges our SETTINGS it may still use the protocol's initial window.
        return settingsAcknowledged ? settings.initialWindowSize()
                : Math.max(settings.initialWindowSize(), Http2Settings.DEFAULT_WINDOW);
    }

    private void onRstStream(Frame.RstStream rst) {
        guard.reset();
        StreamImpl stream = streams.remove(rst.streamId());
        if (stream == null) {
            if (isIdle(rst.streamId())) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream");
            }
            return;
        }
        releasedOnConnection(stream.takeUnconsumed());
        stream.onReset(ErrorCode.of(rst.errorCode()), true);
        closeIfIdle();
    }

    private void onSettings(Frame.Settings frame) {
        if (frame.ack()) {
            if (!settingsAcknowledged) {
                settingsAcknowledged = true;
                decoder.setMaxTableSizeLimit(settings.headerTableSize());
                int shrink = settings.initialWindowSize() - Math.max(settings.initialWindowSize(),
                        Http2Settings.DEFAULT_WINDOW);
                for (StreamImpl stream : streams.values()) {
                    stream.receiveWindow.expand(shrink);
                }
            }
            return;
        }
        guard.settings();
        for (Frame.Setting setting : frame.settings()) {
            switch (setting.id()) {
                case Http2Settings.HEADER_TABLE_SIZE -> sender.setPeerMaxTableSize(setting.value());
                case Http2Settings.INITIAL_WINDOW_SIZE -> changePeerInitialWindow((int) setting.value());
                case Http2Settings.MAX_FRAME_SIZE -> sender.setMaxFrameSize((int) setting.value());
                default -> {
                    // ENABLE_PUSH and MAX_CONCURRENT_STREAMS bind a client's own streams; MAX_HEADER_LIST_SIZE
                    // is advisory; unknown settings are ignored.
                }
            }
        }
        sender.write(FrameWriter.settingsAck());
        sender.flush();
    }

    private void changePeerInitialWindow(int value) {
        int delta = value - peerInitialWindow;
        peerInitialWindow = value;
        for (StreamImpl stream : streams.values()) {
            if (!stream.sendWindow.expand(delta)) {
                throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                        "SETTINGS_INITIAL_WINDOW_SIZE overflows the window of stream " + stream.id());
            }
            sender.schedule(stream);
        }
    }

    private void onPing(Frame.Ping ping) {
        if (ping.ack()) {
            return;
        }
        guard.ping();
        sender.write(FrameWriter.ping(true, ping.opaque()));
    }

    private void onGoAway(Frame.GoAway goAway) {
        goAwayReceived = true;
        if (goAway.errorCode() != 0) {
            LOG.debug("peer {peer} sent GOAWAY {code}: {debug}", "peer", transport().getPeer(), "code",
                    ErrorCode.of(goAway.errorCode()), "debug", new String(goAway.debugData(), ISO_8859_1));
        }
        closeIfIdle();
    }

    private void onWindowUpdate(Frame.WindowUpdate update) {
        if (update.streamId() == 0) {
            if (!sender.connectionWindow.expand(update.increment())) {
                throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "connection window above 2^31 - 1");
            }
        } else {
            StreamImpl stream = streams.get(update.streamId());
            if (stream == null) {
                if (isIdle(update.streamId())) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream");
                }
                return;
            }
            if (!stream.sendWindow.expand(update.increment())) {
                throw Http2Exception.stream(stream.id(), ErrorCode.FLOW_CONTROL_ERROR, "stream window above 2^31 - 1");
            }
            sender.schedule(stream);
        }
        sender.flush();
    }

    // Errors.

    private void streamError(Http2Exception e) {
        LOG.debug("stream {stream} reset: {reason}", "stream", e.streamId(), "reason", e.getMessage());
        StreamImpl stream = streams.get(e.streamId());
        if (stream != null) {
            resetStream(stream, e.code(), true);
        } else {
            sender.write(FrameWriter.rstStream(e.streamId(), e.code()));
        }
        guard.reset();
    }

    private void connectionError(ErrorCode code, String message) {
        if (closed) {
            return;
        }
        LOG.debug("HTTP/2 connection from {peer} failed: {code} {reason}", "peer", transport().getPeer(), "code",
                code, "reason", message);
        closed = true;
        sender.write(FrameWriter.goAway(lastPeerStreamId, code, message.getBytes(ISO_8859_1)));
        sender.stop();
        for (StreamImpl stream : List.copyOf(streams.values())) {
            stream.onReset(code, true);
        }
        streams.clear();
        transport().loseConnection();
    }

    // What streams call.

    /** Resets {@code stream}: RST_STREAM, its waiting output dropped, its unconsumed credit returned. */
    void resetStream(StreamImpl stream, ErrorCode code, boolean tellHandler) {
        if (streams.remove(stream.id()) == null) {
            return;
        }
        sender.write(FrameWriter.rstStream(stream.id(), code));
        releasedOnConnection(stream.takeUnconsumed());
        stream.onReset(code, tellHandler);
        closeIfIdle();
    }

    void handlerFailed(StreamImpl stream, RuntimeException failure) {
        LOG.error("stream handler failed on stream {stream}: {failure}", "stream", stream.id(), "failure", failure);
        resetStream(stream, ErrorCode.INTERNAL_ERROR, false);
    }

    /** Removes {@code stream} once both sides have ended it. */
    void closeIfDone(StreamImpl stream) {
        if (stream.isClosed() && streams.remove(stream.id()) != null) {
            releasedOnConnection(stream.takeUnconsumed());
            closeIfIdle();
        }
    }

    private void closeIfIdle() {
        if ((goAwaySent || goAwayReceived) && streams.isEmpty() && !closed) {
            closed = true;
            sender.stop();
            transport().loseConnection();
        }
    }

    ByteBuffer encodeHeaders(int streamId, List<HeaderField> fields, boolean endStream) {
        return sender.headers(streamId, fields, endStream);
    }

    void writeHeaders(int streamId, List<HeaderField> fields, boolean endStream) {
        sender.write(sender.headers(streamId, fields, endStream));
    }

    void scheduleSend(StreamImpl stream) {
        sender.enqueue(stream);
    }

    /** The application consumed {@code octets} of {@code stream}: announce the credit when enough has come. */
    void released(StreamImpl stream, int octets) {
        int increment = stream.receiveWindow.release(octets);
        if (increment > 0 && !stream.remoteClosed()) {
            sender.write(FrameWriter.windowUpdate(stream.id(), increment));
        }
        releasedOnConnection(octets);
    }

    void releasedOnConnection(int octets) {
        if (octets <= 0) {
            return;
        }
        int increment = receiveWindow.release(octets);
        if (increment > 0) {
            sender.write(FrameWriter.windowUpdate(0, increment));
        }
    }
}
