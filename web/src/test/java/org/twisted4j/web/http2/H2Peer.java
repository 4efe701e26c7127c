package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.testing.StringTransport;

/**
 * A hand-driven HTTP/2 client facing one server {@link Http2Connection} (see {@link H2Wire}): it opens with the
 * client preface and builds requests.
 */
final class H2Peer extends H2Wire<H2Peer> {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1);

    final Http2Connection connection;

    H2Peer(Http2StreamHandler.Factory handlers) {
        this(handlers, Http2Settings.DEFAULT, AbuseLimits.DEFAULT);
    }

    H2Peer(Http2StreamHandler.Factory handlers, Http2Settings settings, AbuseLimits limits) {
        this(handlers, settings, limits, new StringTransport());
    }

    H2Peer(Http2StreamHandler.Factory handlers, Http2Settings settings, AbuseLimits limits,
            StringTransport transport) {
        super(transport);
        connection = Http2Connection.server(clock, handlers, settings, limits);
        connection.makeConnection(transport);
    }

    @Override
    Http2Connection connection() {
        return connection;
    }

    @Override
    H2Peer self() {
        return this;
    }

    /** Sends the preface and an empty SETTINGS, acknowledges the server's, and forgets what it wrote so far. */
    H2Peer handshake() {
        send(ByteBuffer.wrap(PREFACE), FrameWriter.settings(List.of()), FrameWriter.settingsAck());
        transport.clear();
        return this;
    }

    static List<HeaderField> request(String method, String path, HeaderField... extra) {
        List<HeaderField> fields = new ArrayList<>(List.of(new HeaderField(":method", method),
                new HeaderField(":scheme", "http"), new HeaderField(":path", path),
                new HeaderField(":authority", "example.org")));
        fields.addAll(List.of(extra));
        return fields;
    }

    ByteBuffer get(int streamId, String path) {
        return headers(streamId, request("GET", path), true);
    }
}
