package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** The server's opening handshake, on a Site over a StringTransport. */
class WebSocketResourceTest {
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Endpoint server = new Endpoint(WebSocketOptions.builder().subprotocols(List.of("chat")).build());
    private final RecordingHandler handler = server.handler;
    private final StringTransport transport = server.transport;

    /** A site with a WebSocketResource at /ws, on one in-memory connection. */
    private static final class Endpoint {
        final Clock clock = new Clock();
        final StringTransport transport = new StringTransport();
        final RecordingHandler handler = new RecordingHandler();
        final Protocol http;

        Endpoint(WebSocketOptions options) {
            Resource root = new Resource();
            root.putChild("ws", new WebSocketResource(clock, options, request -> handler) {
                @Override
                protected boolean isOriginAllowed(@Nullable String origin, Request request) {
                    return origin == null || origin.equals("https://good.example");
                }
            });
            http = new Site(root, clock).buildProtocol(transport.getPeer());
            http.makeConnection(transport);
        }

        String send(String request, byte... after) {
            byte[] head = request.getBytes(ISO_8859_1);
            ByteBuffer data = ByteBuffer.allocate(head.length + after.length).put(head).put(after).flip();
            http.dataReceived(data);
            String answer = transport.valueAsString(ISO_8859_1);
            transport.clear();
            return answer;
        }
    }

    private static String upgrade(String... extraHeaders) {
        return "GET /ws HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Key: " + RFC_KEY + "\r\nSec-WebSocket-Version: 13\r\n" + String.join("", extraHeaders)
                + "\r\n";
    }

    private String send(String request, byte... after) {
        return server.send(request, after);
    }

    @Test
    void answersWithTheRfcAcceptHashAndSwitches() {
        String answer = send(upgrade());
        assertThat(answer).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("\r\nUpgrade: websocket\r\n", "\r\nConnection: Upgrade\r\n",
                        "\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                .doesNotContain("Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions").endsWith("\r\n\r\n");
        assertThat(handler.events).containsExactly("open");
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void framesInTheSamePacketAsTheRequestReachTheHandler() {
        send(upgrade(), Wire.masked(0x81, "Hello".getBytes(UTF_8)));
        assertThat(handler.events).containsExactly("open", "text:Hello");
        handler.connection().sendText("Hi");
        assertThat(transport.value()).containsExactly(Wire.bytes("81 02 48 69"));
    }

    @Test
    void otherVersionsAreToldVersionThirteen() {
        String answer = send(upgrade().replace("Version: 13", "Version: 8"));
        assertThat(answer).startsWith("HTTP/1.1 426 ").contains("\r\nSec-WebSocket-Version: 13\r\n");
        assertThat(handler.events).isEmpty();
    }

    @Test
    void missingOrMalformedKeyIsABadRequest() {
        assertThat(send(upgrade().replace(RFC_KEY, "c2hvcnQ="))).startsWith("HTTP/1.1 400 ");
        assertThat(send(upgrade().replace("Sec-WebSocket-Key: " + RFC_KEY + "\r\n", ""))).startsWith("HTTP/1.1 400 ");
        assertThat(handler.events).isEmpty();
    }

    @Test
    void requestWithoutUpgradeIsABadRequest() {
        assertThat(send(upgrade().replace("Upgrade: websocket\r\n", ""))).startsWith("HTTP/1.1 400 ");
        assertThat(send(upgrade().replace("keep-alive, Upgrade", "keep-alive"))).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void http10IsABadRequest() {
        assertThat(send(upgrade().replace("HTTP/1.1", "HTTP/1.0"))).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void postIsNotAllowed() {
        assertThat(send(upgrade().replace("GET", "POST").replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n")))
                .startsWith("HTTP/1.1 405 ").contains("\r\nAllow: GET\r\n");
    }

    @Test
    void refusedOriginIsForbidden() {
        assertThat(send(upgrade("Origin: https://evil.example\r\n"))).startsWith("HTTP/1.1 403 ");
        assertThat(handler.events).isEmpty();
        assertThat(send(upgrade("Origin: https://good.example\r\n"))).startsWith("HTTP/1.1 101 ");
    }

    @Test
    void choosesTheFirstOfferedSubprotocolItKnows() {
        String answer = send(upgrade("Sec-WebSocket-Protocol: superchat, chat\r\n"));
        assertThat(answer).contains("\r\nSec-WebSocket-Protocol: chat\r\n");
        assertThat(handler.connection().subprotocol()).isEqualTo("chat");
    }

    @Test
    void answersWithoutASubprotocolWhenNoneIsKnown() {
        String answer = send(upgrade("Sec-WebSocket-Protocol: superchat\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 101 ").doesNotContain("Sec-WebSocket-Protocol");
        assertThat(handler.connection().subprotocol()).isNull();
    }

    @Test
    void agreesToPermessageDeflateAndDecompresses() {
        String answer = send(upgrade("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"),
                Wire.masked(0xc1, Wire.bytes("f2 48 cd c9 c9 07 00")));
        assertThat(answer).contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
        assertThat(handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void declinesDeflateWhenDisabled() {
        Endpoint plain = new Endpoint(WebSocketOptions.builder().permessageDeflate(false).build());
        String answer = plain.send(upgrade("Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 101 ").doesNotContain("Sec-WebSocket-Extensions");
    }
}
