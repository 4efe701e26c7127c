package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * The hand-driven far end of one {@link Http2Connection} on a {@link StringTransport}, as {@link H2Peer} (facing
 * a server) and {@link H2Server} (facing a client) share it: it sends frames built by hand and reads back the
 * frames the connection wrote, with their header blocks decoded.
 *
 * @param <S> the concrete side, returned by the chaining methods
 */
abstract class H2Wire<S extends H2Wire<S>> {
    final Clock clock = new Clock();
    final StringTransport transport;
    final HpackEncoder encoder = new HpackEncoder();
    final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20, 1 << 20);
    private final FrameReader reader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);

    /** Faces the connection over {@code transport}. */
    H2Wire(StringTransport transport) {
        this.transport = transport;
    }

    /** Returns the connection under test. */
    abstract Http2Connection connection();

    /** Returns this side as its concrete type. */
    abstract S self();

    /** Reads what the connection writes before its first frame, if anything, from {@code written}. */
    void readBeforeFrames(ByteBuffer written) {
    }

    /** Hands the frames to the connection as one read. */
    S send(ByteBuffer... frames) {
        connection().dataReceived(ByteBuffer.wrap(FrameReaderTest.concat(List.of(frames))));
        return self();
    }

    /** Returns the frames the connection wrote since the last call. */
    List<Frame> frames() {
        ByteBuffer written = ByteBuffer.wrap(transport.value());
        transport.clear();
        readBeforeFrames(written);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = reader.next(written)) != null) {
            frames.add(frame);
        }
        assertThat(written.hasRemaining()).isFalse();
        return frames;
    }

    /** Returns the frames written, as short descriptions with header blocks decoded. */
    List<String> described() {
        List<String> out = new ArrayList<>();
        for (Frame frame : frames()) {
            out.add(describe(frame));
        }
        return out;
    }

    /** Describes one frame in short; a HEADERS frame must end its header block. */
    String describe(Frame frame) {
        return switch (frame) {
            case Frame.Headers h -> {
                assertThat(h.endHeaders()).isTrue();
                StringBuilder text = new StringBuilder("HEADERS " + h.streamId());
                for (HeaderField field : decoder.decode(h.fragment(), 0, h.fragment().length).fields()) {
                    text.append(' ').append(field.name()).append('=').append(field.value());
                }
                yield text.append(h.endStream() ? " END" : "").toString();
            }
            case Frame.Data d -> "DATA " + d.streamId() + " " + (d.data().length > 40 ? d.data().length + " octets"
                    : "\"" + new String(d.data(), ISO_8859_1) + "\"") + (d.endStream() ? " END" : "");
            case Frame.RstStream r -> "RST_STREAM " + r.streamId() + " " + ErrorCode.of(r.errorCode());
            case Frame.GoAway g -> "GOAWAY " + g.lastStreamId() + " " + ErrorCode.of(g.errorCode());
            case Frame.WindowUpdate w -> "WINDOW_UPDATE " + w.streamId() + " " + w.increment();
            case Frame.Ping p -> "PING " + p.opaque() + (p.ack() ? " ACK" : "");
            case Frame.Settings s -> s.ack() ? "SETTINGS ACK" : "SETTINGS " + s.settings();
            default -> frame.toString();
        };
    }

    /** Encodes a HEADERS frame with this side's encoder. */
    ByteBuffer headers(int streamId, List<HeaderField> fields, boolean endStream) {
        return FrameWriter.headers(streamId, encoder.encode(fields), endStream, 16_384);
    }

    static ByteBuffer data(int streamId, String text, boolean endStream) {
        return FrameWriter.data(streamId, ByteBuffer.wrap(text.getBytes(ISO_8859_1)), endStream);
    }
}
