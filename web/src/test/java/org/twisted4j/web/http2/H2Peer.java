package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * A hand-driven HTTP/2 client facing one server {@link Http2Connection} on a {@link StringTransport}: it sends
 * frames built by hand and reads back the frames the server wrote.
 */
final class H2Peer {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1);

    final Clock clock = new Clock();
    final StringTransport transport;
    final Http2Connection connection;
    final HpackEncoder encoder = new HpackEncoder();
    final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20, 1 << 20);
    private final FrameReader reader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);

    H2Peer(Http2StreamHandler.Factory handlers) {
        this(handlers, Http2Settings.DEFAULT, AbuseLimits.DEFAULT);
    }

    H2Peer(Http2StreamHandler.Factory handlers, Http2Settings settings, AbuseLimits limits) {
        this(handlers, settings, limits, new StringTransport());
    }

    H2Peer(Http2StreamHandler.Factory handlers, Http2Settings settings, AbuseLimits limits,
            StringTransport transport) {
        this.transport = transport;
        connection = Http2Connection.server(clock, handlers, settings, limits);
        connection.makeConnection(transport);
    }

    /** Sends the preface and an empty SETTINGS, acknowledges the server's, and forgets what it wrote so far. */
    H2Peer handshake() {
        send(ByteBuffer.wrap(PREFACE), FrameWriter.settings(List.of()), FrameWriter.settingsAck());
        transport.clear();
        return this;
    }

    H2Peer send(ByteBuffer... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer frame : frames) {
            byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        connection.dataReceived(ByteBuffer.wrap(out.toByteArray()));
        return this;
    }

    /** Returns the frames the server wrote since the last call. */
    List<Frame> frames() {
        ByteBuffer written = ByteBuffer.wrap(transport.value());
        transport.clear();
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

    static List<HeaderField> request(String method, String path, HeaderField... extra) {
        List<HeaderField> fields = new ArrayList<>(List.of(new HeaderField(":method", method),
                new HeaderField(":scheme", "http"), new HeaderField(":path", path),
                new HeaderField(":authority", "example.org")));
        fields.addAll(List.of(extra));
        return fields;
    }

    ByteBuffer headers(int streamId, List<HeaderField> fields, boolean endStream) {
        return FrameWriter.headers(streamId, encoder.encode(fields), endStream, 16_384);
    }

    ByteBuffer get(int streamId, String path) {
        return headers(streamId, request("GET", path), true);
    }

    static ByteBuffer data(int streamId, String text, boolean endStream) {
        return FrameWriter.data(streamId, ByteBuffer.wrap(text.getBytes(ISO_8859_1)), endStream);
    }
}
