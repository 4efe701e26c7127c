package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import org.twisted4j.web.Splits;

/**
 * Feeds fuzzed frames to one {@link Http2Connection} through its {@link H2Wire}, frame by frame (each frame cut
 * where the fuzz data says), and checks everything the connection writes back against a model of what the peer
 * allows it:
 * <ul>
 *   <li>what it writes is well-formed frames, its header blocks decodable by the peer's decoder under the table size
 *       the peer announced; no frame is larger than the peer's SETTINGS_MAX_FRAME_SIZE and no DATA goes beyond the
 *       peer's connection or stream windows (its SETTINGS_INITIAL_WINDOW_SIZE and WINDOW_UPDATEs);
 *   <li>a frame the frame reader refuses with a connection error ends the connection with GOAWAY carrying that
 *       error code; one it refuses with a stream error brings RST_STREAM with that code (or GOAWAY
 *       ENHANCE_YOUR_CALM once resets flood);
 *   <li>a GOAWAY the connection sends names a connection error and is the last thing it writes; the connection
 *       closes only after it, or after the peer's GOAWAY, and writes nothing once closing.
 * </ul>
 */
final class ConnectionFuzzer {
    private static final Set<ErrorCode> CONNECTION_ERRORS = Set.of(ErrorCode.PROTOCOL_ERROR,
            ErrorCode.FLOW_CONTROL_ERROR, ErrorCode.FRAME_SIZE_ERROR, ErrorCode.COMPRESSION_ERROR,
            ErrorCode.ENHANCE_YOUR_CALM, ErrorCode.STREAM_CLOSED);

    private final H2Wire<?> wire;
    private final FrameReader reader;
    private final Splits splits;
    private final long tickMillis;

    private long peerInitialWindow = Http2Settings.DEFAULT_WINDOW;
    private long connectionCredit = Http2Settings.DEFAULT_WINDOW;
    private final Map<Integer, Long> streamCredit = new HashMap<>();
    private int peerMaxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;
    private boolean peerGoingAway;
    private boolean goAwayWritten;
    private boolean closing;

    /**
     * Drives the connection of {@code wire}, whose own SETTINGS announce {@code maxFrameSize}; the clock advances by
     * {@code tickMillis} after each frame.
     */
    ConnectionFuzzer(H2Wire<?> wire, int maxFrameSize, Splits splits, long tickMillis) {
        this.wire = wire;
        this.reader = new FrameReader(maxFrameSize);
        this.splits = splits;
        this.tickMillis = tickMillis;
    }

    /** Returns settings with small limits taken from the fuzz data through its {@code consumeInt(min, max)}. */
    static Http2Settings settings(IntBinaryOperator consumeInt) {
        return Http2Settings.builder()
                .maxConcurrentStreams(consumeInt.applyAsInt(0, 8))
                .initialWindowSize(consumeInt.applyAsInt(0, 1 << 17))
                .connectionWindowSize(consumeInt.applyAsInt(Http2Settings.DEFAULT_WINDOW, 1 << 18))
                .maxHeaderListSize(consumeInt.applyAsInt(1, 1 << 14))
                .headerTableSize(consumeInt.applyAsInt(0, 8192))
                .build();
    }

    /** Returns abuse limits, low ones, taken from the fuzz data through its {@code consumeInt(min, max)}. */
    static AbuseLimits limits(IntBinaryOperator consumeInt) {
        return AbuseLimits.builder()
                .maxResetsPerWindow(consumeInt.applyAsInt(0, 32))
                .maxEmptyFramesPerWindow(consumeInt.applyAsInt(0, 32))
                .maxSettingsPerWindow(consumeInt.applyAsInt(0, 32))
                .maxPingsPerWindow(consumeInt.applyAsInt(0, 32))
                .maxContinuationFrames(consumeInt.applyAsInt(0, 8))
                .maxHeaderBlockBytes(consumeInt.applyAsInt(0, 1 << 14))
                .build();
    }

    /** Feeds {@code input}, running {@code afterEachFrame} (the face's own checks) after each frame. */
    void feed(byte[] input, Runnable afterEachFrame) {
        ByteBuffer scan = ByteBuffer.wrap(input);
        int frameStart = 0;
        while (frameStart < input.length) {
            Frame frame = null;
            Http2Exception refused = null;
            try {
                frame = reader.next(scan);
            } catch (Http2Exception e) {
                refused = e;
            }
            boolean lastOne = frame == null && (refused == null || refused.isConnectionError());
            int frameEnd = lastOne ? input.length : scan.position();
            boolean openBefore = !closing;
            for (ByteBuffer piece : splits.of(input, frameStart, frameEnd)) {
                wire.connection().dataReceived(piece);
            }
            if (openBefore && frame != null) {
                apply(frame);
            }
            List<Frame> written = checkWritten();
            if (openBefore && refused != null) {
                assertAnswered(refused, written);
            }
            afterEachFrame.run();
            wire.clock.advance(tickMillis / 1000.0);
            frameStart = frameEnd;
        }
    }

    /** Reads and checks what the connection wrote since last asked, and returns it. */
    List<Frame> checkWritten() {
        List<Frame> written = wire.frames();
        if (closing) {
            assertThat(written).as("written while closing").isEmpty();
        }
        for (Frame frame : written) {
            assertThat(goAwayWritten).as("a frame after GOAWAY: %s", frame).isFalse();
            switch (frame) {
                case Frame.Data data -> sent(data);
                case Frame.Headers headers -> {
                    assertThat(headers.fragment().length).isLessThanOrEqualTo(peerMaxFrameSize);
                    assertThat(headers.endHeaders()).isTrue();
                    wire.decoder.decode(headers.fragment(), 0, headers.fragment().length);
                }
                case Frame.GoAway goAway -> {
                    assertThat(CONNECTION_ERRORS).contains(ErrorCode.of(goAway.errorCode()));
                    goAwayWritten = true;
                }
                default -> {
                    // SETTINGS ACK, PING ACK, WINDOW_UPDATE and RST_STREAM carry nothing the peer limits.
                }
            }
        }
        if (wire.transport.isDisconnecting()) {
            assertThat(goAwayWritten || peerGoingAway).as("closed without a GOAWAY either way").isTrue();
        }
        if (goAwayWritten) {
            assertThat(wire.transport.isDisconnecting()).isTrue();
        }
        closing = wire.transport.isDisconnecting();
        return written;
    }

    private void assertAnswered(Http2Exception refused, List<Frame> written) {
        assertThat(written).isNotEmpty();
        Frame last = written.getLast();
        if (refused.isConnectionError()) {
            assertThat(last).isInstanceOfSatisfying(Frame.GoAway.class,
                    goAway -> assertThat(ErrorCode.of(goAway.errorCode())).isEqualTo(refused.code()));
        } else if (last instanceof Frame.GoAway goAway) {
            assertThat(ErrorCode.of(goAway.errorCode())).isEqualTo(ErrorCode.ENHANCE_YOUR_CALM);
        } else {
            assertThat(written).contains(new Frame.RstStream(refused.streamId(), refused.code().code()));
        }
    }

    /** Takes what a frame the connection was given tells of the peer's limits. */
    private void apply(Frame frame) {
        switch (frame) {
            case Frame.Settings settings when !settings.ack() -> {
                for (Frame.Setting setting : settings.settings()) {
                    switch (setting.id()) {
                        case Http2Settings.INITIAL_WINDOW_SIZE -> peerInitialWindow = setting.value();
                        case Http2Settings.MAX_FRAME_SIZE -> peerMaxFrameSize = (int) setting.value();
                        case Http2Settings.HEADER_TABLE_SIZE ->
                                wire.decoder.setMaxTableSizeLimit((int) Math.min(setting.value(), Integer.MAX_VALUE));
                        default -> {
                            // The rest bind nothing the connection writes.
                        }
                    }
                }
            }
            case Frame.WindowUpdate update when update.streamId() == 0 -> connectionCredit += update.increment();
            case Frame.WindowUpdate update -> streamCredit.merge(update.streamId(), (long) update.increment(), Long::sum);
            case Frame.GoAway goAway -> peerGoingAway = true;
            default -> {
                // Other frames change no limit of the peer's.
            }
        }
    }

    private void sent(Frame.Data data) {
        assertThat(data.flowLength()).isLessThanOrEqualTo(peerMaxFrameSize);
        connectionCredit -= data.flowLength();
        assertThat(connectionCredit).as("connection window").isNotNegative();
        long stream = streamCredit.merge(data.streamId(), (long) -data.flowLength(), Long::sum);
        assertThat(peerInitialWindow + stream).as("window of stream %d", data.streamId()).isNotNegative();
    }
}
