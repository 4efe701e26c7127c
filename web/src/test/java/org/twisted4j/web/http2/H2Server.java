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
 * A hand-driven HTTP/2 server facing one {@link Http2ClientConnection} on a {@link StringTransport}: it sends
 * frames built by hand and reads back the frames the client wrote, with their header blocks decoded.
 */
final class H2Server {
    final Clock clock = new Clock();
    final StringTransport transport = new StringTransport();
    final Http2ClientConnection connection;
    final HpackEncoder encoder = new HpackEncoder();
    final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20, 1 << 20);
    private final FrameReader reader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);
    private boolean prefaceRead;

    H2Server() {
        this(Http2Settings.DEFAULT);
    }

    H2Server(Http2Settings settings) {
        connection = Http2Connection.client(clock, settings, AbuseLimits.DEFAULT);
        connection.makeConnection(transport);
    }

    /** Reads the client's preface, sends SETTINGS with {@code settings} and its ACK, and forgets what was written. */
    H2Server handshake(Frame.Setting... settings) {
        frames();
        send(FrameWriter.settings(List.of(settings)), FrameWriter.settingsAck());
        transport.clear();
        return this;
    }

    H2Server send(ByteBuffer... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer frame : frames) {
            byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        connection.dataReceived(ByteBuffer.wrap(out.toByteArray()));
        return this;
    }

    /** Returns the frames the client wrote since the last call, after the preface octets. */
    List<Frame> frames() {
        ByteBuffer written = ByteBuffer.wrap(transport.value());
        transport.clear();
        if (!prefaceRead) {
            byte[] preface = new byte[Http2Connection.PREFACE.length];
            written.get(preface);
            assertThat(preface).isEqualTo(Http2Connection.PREFACE);
            prefaceRead = true;
        }
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
            out.add(switch (frame) {
                case Frame.Headers h -> {
                    StringBuilder text = new StringBuilder("HEADERS " + h.streamId());
                    for (HeaderField field : decoder.decode(h.fragment(), 0, h.fragment().length).fields()) {
                        text.append(' ').append(field.name()).append('=').append(field.value());
                    }
                    yield text.append(h.endStream() ? " END" : "").toString();
                }
                case Frame.Data d -> "DATA " + d.streamId() + " " + (d.data().length > 40
                        ? d.data().length + " octets" : "\"" + new String(d.data(), ISO_8859_1) + "\"")
                        + (d.endStream() ? " END" : "");
                case Frame.RstStream r -> "RST_STREAM " + r.streamId() + " " + ErrorCode.of(r.errorCode());
                case Frame.GoAway g -> "GOAWAY " + g.lastStreamId() + " " + ErrorCode.of(g.errorCode());
                case Frame.WindowUpdate w -> "WINDOW_UPDATE " + w.streamId() + " " + w.increment();
                case Frame.Ping p -> "PING " + p.opaque() + (p.ack() ? " ACK" : "");
                case Frame.Settings s -> s.ack() ? "SETTINGS ACK" : "SETTINGS " + s.settings();
                default -> frame.toString();
            });
        }
        return out;
    }

    ByteBuffer headers(int streamId, boolean endStream, String... namesAndValues) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return FrameWriter.headers(streamId, encoder.encode(fields), endStream, 16_384);
    }

    static ByteBuffer data(int streamId, String text, boolean endStream) {
        return FrameWriter.data(streamId, ByteBuffer.wrap(text.getBytes(ISO_8859_1)), endStream);
    }

    static ByteBuffer data(int streamId, int octets, boolean endStream) {
        return FrameWriter.data(streamId, ByteBuffer.allocate(octets), endStream);
    }

    static List<HeaderField> get(String path) {
        return List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
                new HeaderField(":authority", "example.org"), new HeaderField(":path", path));
    }

    static List<HeaderField> post(String path, long length) {
        return List.of(new HeaderField(":method", "POST"), new HeaderField(":scheme", "http"),
                new HeaderField(":authority", "example.org"), new HeaderField(":path", path),
                new HeaderField("content-length", Long.toString(length)));
    }
}
