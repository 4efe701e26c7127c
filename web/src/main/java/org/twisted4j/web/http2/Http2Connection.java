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
 * One end of an HTTP/2 connection (RFC 9113) on one transport: the frame layer both sides share. It exchanges
 * SETTINGS, runs flow control both ways, keeps the streams and their states, answers PING, enforces the
 * {@link AbuseLimits}, and ends with GOAWAY. What differs between the ends — the preface, who opens streams and
 * what their header blocks mean — is in its two faces: {@link #server} makes the server side, which takes the
 * client's requests as streams, and {@link #client} makes an {@link Http2ClientConnection}, which opens them.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Factory factory = Factory.forProtocol(() -> Http2Connection.server(reactor, stream -> new Hello(stream)));
 * reactor.listenTCP(8080, factory, 50, "127.0.0.1");   // h2c with prior knowledge
 * }</pre>
 *
 * <h2>Protocol rules enforced</h2>
 * Stream identifiers must be odd and increasing on a server, a header list well formed (§8.3: the pseudo-headers
 * of a request or a response, lower-case names, no connection-specific fields, a body as long as its
 * Content-Length), else the stream is reset with PROTOCOL_ERROR. A header block must come in one HEADERS frame
 * and its CONTINUATION frames with nothing in between. PRIORITY frames are accepted and ignored, as RFC 9113
 * deprecates the scheme. PUSH_PROMISE is a PROTOCOL_ERROR: both ends announce SETTINGS_ENABLE_PUSH 0. A server
 * refuses streams over {@link Http2Settings#maxConcurrentStreams()} with REFUSED_STREAM and answers a header
 * list over {@link Http2Settings#maxHeaderListSize()} with status 431; the floods of {@link AbuseLimits} end the
 * connection with ENHANCE_YOUR_CALM.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every {@link Protocol}.
 */
public abstract sealed class Http2Connection extends Protocol permits ServerConnection, Http2ClientConnection {
    static final Logger LOG = Logger.forClass(Http2Connection.class);
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1);

    final Http2Settings settings;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final HeaderBlockAssembler headerBlock;
    final SendScheduler sender = new SendScheduler();
    private final FlowWindow receiveWindow;
    final Map<Integer, StreamImpl> streams = new HashMap<>();
    final AbuseGuard guard;

    private boolean settingsReceived;
    private boolean settingsAcknowledged;
    private int peerInitialWindow = Http2Settings.DEFAULT_WINDOW;
    boolean goAwaySent;
    boolean goAwayReceived;
    boolean closed;

    Http2Connection(ReactorTime time, Http2Settings settings, AbuseLimits limits) {
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
        return new ServerConnection(time, handlers, settings, limits);
    }

    /**
     * Returns a client-side connection with the default {@link Http2Settings} and {@link AbuseLimits}.
     *
     * @param time the reactor's clock, for the abuse limits' windows of time
     * @throws NullPointerException if {@code time} is null
     */
    public static Http2ClientConnection client(ReactorTime time) {
        return client(time, Http2Settings.DEFAULT, AbuseLimits.DEFAULT);
    }

    /**
     * Returns a client-side connection announcing {@code settings} (its stream windows and the largest response
     * header list it takes) and enforcing {@code limits}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Http2ClientConnection client(ReactorTime time, Http2Settings settings, AbuseLimits limits) {
        return new Http2ClientConnection(time, settings, limits);
    }

    /** Returns how many streams are open or half-closed. */
    public int activeStreams() {
        return streams.size();
    }

    /**
     * Starts a graceful shutdown: sends GOAWAY (NO_ERROR) naming the last stream the peer opened that was taken
     * (0 on a client), finishes the streams open, then closes the connection. No stream is opened after it.
     */
    public void goAway() {
        if (closed || goAwaySent) {
            return;
        }
        goAwaySent = true;
        sender.write(FrameWriter.goAway(lastPeerStreamId(), ErrorCode.NO_ERROR, new byte[0]));
        goingAway();
        closeIfIdle();
    }

    @Override
    public void connectionMade() {
        sender.start(transport());
        List<ByteBuffer> preface = new ArrayList<>();
        writePreface(preface);
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
            if (!prefaceReceived(data)) {
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
            stream.onReset(ErrorCode.CANCEL, "the connection was lost: " + reason.getErrorMessage(), false, true);
        }
        streams.clear();
    }

    // The faces' part.

    /** Adds what goes before our SETTINGS (the client's preface). */
    abstract void writePreface(List<ByteBuffer> out);

    /**
     * Takes the peer's preface octets from {@code data}; returns whether it is all in, so frames follow.
     *
     * @throws Http2Exception PROTOCOL_ERROR if the preface is wrong
     */
    abstract boolean prefaceReceived(ByteBuffer data);

    /** Takes a complete header block, decoded, for stream {@code id}. */
    abstract void headerBlock(int id, HpackDecoder.Block decoded, boolean endStream, boolean selfDependent);

    /** Returns whether a stream the peer could address is idle: never opened. */
    abstract boolean isIdle(int streamId);

    /** Returns the last-stream-id our GOAWAY names: the last stream the peer opened that we took. */
    abstract int lastPeerStreamId();

    /** Counts an RST_STREAM the peer sent against the abuse limits, where a peer can flood them. */
    abstract void peerReset();

    /** The peer sent GOAWAY. */
    abstract void peerGoingAway(Frame.GoAway goAway);

    /** The peer's SETTINGS have been applied and acknowledged. */
    abstract void peerSettings(Frame.Settings frame);

    /** We sent GOAWAY: open no more streams. */
    abstract void goingAway();

    /** {@code stream} has left the open streams. */
    abstract void streamClosed(StreamImpl stream);

    // Frames.

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
                    "PUSH_PROMISE, though push is disabled");
            case Frame.Ping ping -> onPing(ping);
            case Frame.GoAway goAway -> onGoAway(goAway);
            case Frame.WindowUpdate update -> onWindowUpdate(update);
            case Frame.Unknown unknown -> {
                // §4.1: frames of unknown types are ignored.
            }
        }
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
        headerBlock(id, decoder.decode(block, 0, block.length), endStream, selfDependent);
    }

    /** Makes stream {@code id} with the windows the settings give it now, and counts it open. */
    StreamImpl openStream(int id, List<HeaderField> requestHeaders, long contentLength) {
        FlowWindow send = new FlowWindow(peerInitialWindow);
        FlowWindow receive = new FlowWindow(streamReceiveWindow(), settings.initialWindowSize() / 2);
        StreamImpl opened = new StreamImpl(this, id, requestHeaders, contentLength, send, receive);
        streams.put(id, opened);
        return opened;
    }

    private int streamReceiveWindow() {
        // Until the peer acknowledges our SETTINGS it may still use the protocol's initial window.
        return settingsAcknowledged ? settings.initialWindowSize()
                : Math.max(settings.initialWindowSize(), Http2Settings.DEFAULT_WINDOW);
    }

    private void onRstStream(Frame.RstStream rst) {
        peerReset();
        StreamImpl stream = streams.remove(rst.streamId());
        if (stream == null) {
            if (isIdle(rst.streamId())) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream");
            }
            return;
        }
        releasedOnConnection(stream.takeUnconsumed());
        ErrorCode code = ErrorCode.of(rst.errorCode());
        stream.onReset(code, "the peer reset the stream: " + code, code == ErrorCode.REFUSED_STREAM, true);
        streamClosed(stream);
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
                    // ENABLE_PUSH and MAX_CONCURRENT_STREAMS bind the peer's own use (the client face reads the
                    // latter); MAX_HEADER_LIST_SIZE is advisory; unknown settings are ignored.
                }
            }
        }
        sender.write(FrameWriter.settingsAck());
        peerSettings(frame);
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
        peerGoingAway(goAway);
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
            resetStream(stream, e.code(), e.getMessage(), true);
        } else {
            sender.write(FrameWriter.rstStream(e.streamId(), e.code()));
        }
        guard.reset();
    }

    private void connectionError(ErrorCode code, String message) {
        if (closed) {
            return;
        }
        LOG.debug("HTTP/2 connection with {peer} failed: {code} {reason}", "peer", transport().getPeer(), "code",
                code, "reason", message);
        closed = true;
        sender.write(FrameWriter.goAway(lastPeerStreamId(), code, message.getBytes(ISO_8859_1)));
        sender.stop();
        for (StreamImpl stream : List.copyOf(streams.values())) {
            stream.onReset(code, "connection error " + code + ": " + message, false, true);
        }
        streams.clear();
        transport().loseConnection();
    }

    // What streams call.

    /** Resets {@code stream}: RST_STREAM, its waiting output dropped, its unconsumed credit returned. */
    void resetStream(StreamImpl stream, ErrorCode code, String reason, boolean tellHandler) {
        if (streams.remove(stream.id()) == null) {
            return;
        }
        sender.write(FrameWriter.rstStream(stream.id(), code));
        releasedOnConnection(stream.takeUnconsumed());
        stream.onReset(code, reason, false, tellHandler);
        streamClosed(stream);
        closeIfIdle();
    }

    void handlerFailed(StreamImpl stream, RuntimeException failure) {
        LOG.error("stream handler failed on stream {stream}: {failure}", "stream", stream.id(), "failure", failure);
        resetStream(stream, ErrorCode.INTERNAL_ERROR, "the stream handler failed: " + failure, false);
    }

    /** Removes {@code stream} once both sides have ended it. */
    void closeIfDone(StreamImpl stream) {
        if (stream.isClosed() && streams.remove(stream.id()) != null) {
            releasedOnConnection(stream.takeUnconsumed());
            streamClosed(stream);
            closeIfIdle();
        }
    }

    void closeIfIdle() {
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
