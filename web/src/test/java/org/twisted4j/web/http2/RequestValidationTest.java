package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.http2.H2Peer.data;
import static org.twisted4j.web.http2.H2Peer.request;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9113 §8.2 and §8.3: a malformed request resets its stream with PROTOCOL_ERROR, and the connection lives. */
class RequestValidationTest {
    final Recorder app = new Recorder();

    void assertMalformed(List<HeaderField> fields) {
        H2Peer peer = new H2Peer(app).handshake();
        peer.send(peer.headers(1, fields, true));
        assertThat(peer.described()).as("%s", fields).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(app.streams).isEmpty();
        peer.send(peer.get(3, "/fine"));
        assertThat(app.streams).containsOnlyKeys(3);
        app.streams.clear();
    }

    static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    @Test
    void malformedRequestsAreResetWithProtocolError() {
        assertMalformed(List.of(f(":method", "GET"), f(":scheme", "http"), f(":authority", "a")));
        assertMalformed(List.of(f(":scheme", "http"), f(":path", "/")));
        assertMalformed(List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "")));
        assertMalformed(request("GET", "/", f("X-Upper", "1")));
        assertMalformed(request("GET", "/", f("connection", "keep-alive")));
        assertMalformed(request("GET", "/", f("transfer-encoding", "chunked")));
        assertMalformed(request("GET", "/", f("upgrade", "h2c")));
        assertMalformed(request("GET", "/", f("te", "gzip")));
        assertMalformed(request("GET", "/", f(":status", "200")));
        assertMalformed(request("GET", "/", f(":path", "/again")));
        assertMalformed(List.of(f(":method", "GET"), f("accept", "*/*"), f(":scheme", "http"), f(":path", "/")));
        assertMalformed(request("GET", "/", f("x-bad", "a\r\nb")));
        assertMalformed(request("GET", "/", f("x-pad", " a")));
        assertMalformed(request("GET", "/", f("content-length", "abc")));
        assertMalformed(request("GET", "/", f("content-length", "1"), f("content-length", "2")));
        assertMalformed(List.of(f(":method", "CONNECT"), f(":scheme", "http"), f(":authority", "a:1")));
    }

    @Test
    void wellFormedRequestsPass() {
        H2Peer peer = new H2Peer(app).handshake();
        peer.send(peer.headers(1, request("GET", "/", f("te", "trailers"), f("content-length", "0")), true),
                peer.headers(3, List.of(f(":method", "CONNECT"), f(":authority", "example.org:443")), false));
        assertThat(app.streams).containsOnlyKeys(1, 3);
        assertThat(peer.described()).isEmpty();
    }

    @Test
    void bodyLongerThanContentLengthIsMalformed() {
        H2Peer peer = new H2Peer(app).handshake();
        peer.send(peer.headers(1, request("POST", "/", f("content-length", "3")), false), data(1, "abcd", false));
        assertThat(peer.described()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(app.events).last().isEqualTo("reset 1 PROTOCOL_ERROR");
    }

    @Test
    void bodyShorterThanContentLengthIsMalformed() {
        H2Peer peer = new H2Peer(app).handshake();
        peer.send(peer.headers(1, request("POST", "/", f("content-length", "3")), false), data(1, "ab", true));
        assertThat(peer.described()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(app.events).doesNotContain("end 1");
    }

    @Test
    void trailersMustEndTheStreamAndCarryNoPseudoHeaders() {
        H2Peer peer = new H2Peer(app).handshake();
        peer.send(peer.headers(1, request("POST", "/"), false), peer.headers(1, List.of(f("x-t", "1")), false));
        assertThat(peer.described()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        peer.send(peer.headers(3, request("POST", "/"), false), peer.headers(3, List.of(f(":path", "/")), true));
        assertThat(peer.described()).containsExactly("RST_STREAM 3 PROTOCOL_ERROR");
    }
}
