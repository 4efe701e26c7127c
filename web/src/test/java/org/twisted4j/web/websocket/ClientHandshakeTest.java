package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** The client's opening handshake, over a StringTransport. */
class ClientHandshakeTest {
    private final StringTransport transport = new StringTransport();
    private final RecordingHandler handler = new RecordingHandler();
    private final Deferred<WebSocketConnection> result = new Deferred<>();
    private final List<Object> outcome = new ArrayList<>();
    private ClientHandshake handshake;
    private String request = "";

    private void start(String uri, WebSocketOptions options) {
        handshake = new ClientHandshake(URI.create(uri), handler, options, new Clock(), new SecureRandom(), result);
        result.addCallbacks(connection -> outcome.add(connection), failure -> {
            outcome.add(failure.value());
            return null;
        });
        handshake.makeConnection(transport);
        request = transport.valueAsString(ISO_8859_1);
        transport.clear();
    }

    private String key() {
        Matcher m = Pattern.compile("Sec-WebSocket-Key: (\\S+)\r\n").matcher(request);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private void answer(String head, byte... after) {
        byte[] bytes = head.getBytes(ISO_8859_1);
        handshake.dataReceived(ByteBuffer.allocate(bytes.length + after.length).put(bytes).put(after).flip());
    }

    private String accepted(String... extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + HeaderTokens.acceptFor(key()) + "\r\n" + String.join("", extra) + "\r\n";
    }

    private WebSocketHandshakeError error() {
        assertThat(outcome).hasSize(1);
        assertThat(outcome.getFirst()).isInstanceOf(WebSocketHandshakeError.class);
        return (WebSocketHandshakeError) outcome.getFirst();
    }

    @Test
    void sendsTheUpgradeRequestWithARandomSixteenByteKey() {
        start("ws://example.com:8080/chat?room=1", WebSocketOptions.builder().subprotocols(List.of("a", "b")).build());
        assertThat(request).startsWith("GET /chat?room=1 HTTP/1.1\r\nHost: example.com:8080\r\n")
                .contains("\r\nUpgrade: websocket\r\n", "\r\nConnection: Upgrade\r\n",
                        "\r\nSec-WebSocket-Version: 13\r\n", "\r\nSec-WebSocket-Protocol: a, b\r\n",
                        "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n")
                .endsWith("\r\n\r\n");
        assertThat(Base64.getDecoder().decode(key())).hasSize(16);
    }

    @Test
    void defaultPortIsLeftOutOfTheHostAndPathDefaultsToSlash() {
        start("wss://example.com:443", WebSocketOptions.defaults());
        assertThat(request).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
    }

    @Test
    void opensOnAValidAnswerAndReadsFramesThatFollowIt() {
        start("ws://example.com/", WebSocketOptions.defaults());
        answer(accepted(), Wire.bytes("81 05 48 65 6c 6c 6f"));
        assertThat(outcome).hasSize(1).first().isInstanceOf(WebSocketConnection.class);
        assertThat(handler.events).containsExactly("open", "text:Hello");
        handler.connection().sendText("x");
        assertThat(transport.value()[1] & 0x80).as("client frames are masked").isEqualTo(0x80);
    }

    @Test
    void answerSplitByteByByteWorksTheSame() {
        start("ws://example.com/", WebSocketOptions.defaults());
        for (byte b : accepted().getBytes(ISO_8859_1)) {
            handshake.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(handler.events).containsExactly("open");
    }

    @Test
    void agreedDeflateDecompressesTheServersMessages() {
        start("ws://example.com/", WebSocketOptions.defaults());
        answer(accepted("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n"),
                Wire.bytes("c1 07 f2 48 cd c9 c9 07 00"));
        assertThat(handler.events).containsExactly("open", "text:Hello");
        assertThat(handler.connection().extensions()).isEqualTo("permessage-deflate; server_no_context_takeover");
    }

    @Test
    void acceptsTheSubprotocolItOffered() {
        start("ws://example.com/", WebSocketOptions.builder().subprotocols(List.of("a", "b")).build());
        answer(accepted("Sec-WebSocket-Protocol: b\r\n"));
        assertThat(handler.connection().subprotocol()).isEqualTo("b");
    }

    @Test
    void refusesAWrongAcceptHash() {
        start("ws://example.com/", WebSocketOptions.defaults());
        answer(accepted().replace(HeaderTokens.acceptFor(key()), HeaderTokens.acceptFor("x")));
        assertThat(error().getMessage()).contains("Sec-WebSocket-Accept");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(handler.events).isEmpty();
    }

    @Test
    void refusesAnAnswerOtherThan101() {
        start("ws://example.com/", WebSocketOptions.defaults());
        answer("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        assertThat(error().status()).isEqualTo(403);
    }

    @Test
    void refusesASubprotocolItDidNotOffer() {
        start("ws://example.com/", WebSocketOptions.builder().subprotocols(List.of("a")).build());
        answer(accepted("Sec-WebSocket-Protocol: z\r\n"));
        assertThat(error().getMessage()).contains("subprotocol");
    }

    @Test
    void refusesAnExtensionItDidNotOffer() {
        start("ws://example.com/", WebSocketOptions.builder().permessageDeflate(false).build());
        assertThat(request).doesNotContain("Sec-WebSocket-Extensions");
        answer(accepted("Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertThat(error().getMessage()).contains("permessage-deflate");
    }

    @Test
    void refusesAServerWindowLimitForItsOwnCompressor() {
        start("ws://example.com/", WebSocketOptions.defaults());
        answer(accepted("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=9\r\n"));
        assertThat(error().status()).isEqualTo(101);
    }

    @Test
    void connectionLostBeforeTheAnswerFailsTheHandshake() {
        start("ws://example.com/", WebSocketOptions.defaults());
        handshake.connectionLost(new Failure(new ConnectionLost()));
        assertThat(error().status()).isZero();
    }
}
