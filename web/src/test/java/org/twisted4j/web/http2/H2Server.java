package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.testing.StringTransport;

/**
 * A hand-driven HTTP/2 server facing one {@link Http2ClientConnection} (see {@link H2Wire}): it checks the client's
 * preface and builds responses.
 */
final class H2Server extends H2Wire<H2Server> {
    final Http2ClientConnection connection;
    private boolean prefaceRead;

    H2Server() {
        this(Http2Settings.DEFAULT);
    }

    H2Server(Http2Settings settings) {
        this(settings, AbuseLimits.DEFAULT);
    }

    H2Server(Http2Settings settings, AbuseLimits limits) {
        super(new StringTransport());
        connection = Http2Connection.client(clock, settings, limits);
        connection.makeConnection(transport);
    }

    @Override
    Http2Connection connection() {
        return connection;
    }

    @Override
    H2Server self() {
        return this;
    }

    /** Reads the client's preface, sends SETTINGS with {@code settings} and its ACK, and forgets what was written. */
    H2Server handshake(Frame.Setting... settings) {
        frames();
        send(FrameWriter.settings(List.of(settings)), FrameWriter.settingsAck());
        transport.clear();
        return this;
    }

    /** Checks the client's preface octets, which come before its first frame. */
    @Override
    void readBeforeFrames(ByteBuffer written) {
        if (!prefaceRead) {
            byte[] preface = new byte[Http2Connection.PREFACE.length];
            written.get(preface);
            assertThat(preface).isEqualTo(Http2Connection.PREFACE);
            prefaceRead = true;
        }
    }

    ByteBuffer headers(int streamId, boolean endStream, String... namesAndValues) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return headers(streamId, fields, endStream);
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
