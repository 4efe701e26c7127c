package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The close handshake of RFC 6455 section 7: who answers, who closes TCP, and the timeout. */
class CloseHandshakeTest {

    private static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    @Test
    void serverAnswersACloseThenClosesTcp() {
        Wire wire = Wire.server().feed(Wire.masked(0x88, close(1000, "bye")));
        assertThat(wire.written()).isEqualTo(Wire.hex("88 02 03 e8"));
        assertThat(wire.transport.isDisconnecting()).isTrue();
        assertThat(wire.transport.isAborted()).isFalse();
        assertThat(wire.transport.producer()).as("unregistered, so the close can go ahead").isNull();
        wire.tcpClosed();
        assertThat(wire.handler.events).containsExactly("open", "close:1000:bye");
    }

    @Test
    void clientAnswersACloseAndLeavesTcpToTheServer() {
        Wire wire = Wire.client().feed("88 02 03 e8");
        assertThat(wire.written()).isEqualTo(Wire.hex("88 82 37 fa 21 3d 34 12"));
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.tcpClosed();
        assertThat(wire.handler.events).containsExactly("open", "close:1000:");
        assertThat(wire.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void clientClosesTcpItselfIfTheServerNeverDoes() {
        Wire wire = Wire.client().feed("88 02 03 e8");
        wire.clock.advance(WebSocketOptions.DEFAULT_CLOSE_TIMEOUT.toSeconds() - 0.5);
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.clock.advance(0.5);
        assertThat(wire.transport.isAborted()).isTrue();
    }

    @Test
    void emptyCloseIsAnsweredWithAnEmptyCloseAndReportedAsNoStatus() {
        Wire wire = Wire.server().feed(Wire.masked(0x88, new byte[0]));
        assertThat(wire.written()).isEqualTo("8800");
        wire.tcpClosed();
        assertThat(wire.handler.events).containsExactly("open", "close:1005:");
    }

    @Test
    void closeStartedHereCompletesWhenThePeerAnswers() {
        Wire wire = Wire.server();
        wire.handler.connection().close(1001, "going");
        assertThat(wire.written()).isEqualTo(Wire.hex("88 07 03 e9") + "676f696e67");
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.feed(Wire.masked(0x88, close(1001, "")));
        assertThat(wire.written()).as("no second close").isEmpty();
        assertThat(wire.transport.isDisconnecting()).isTrue();
        wire.tcpClosed();
        assertThat(wire.handler.events).containsExactly("open", "close:1001:");
    }

    @Test
    void closeStartedHereTimesOutIfThePeerNeverAnswers() {
        Wire wire = Wire.server(WebSocketOptions.builder().closeTimeout(Duration.ofSeconds(3)).build());
        wire.handler.connection().close();
        wire.clock.advance(2.9);
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.clock.advance(0.1);
        assertThat(wire.transport.isAborted()).isTrue();
        wire.tcpClosed();
        assertThat(wire.handler.closeCode()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
    }

    @Test
    void messagesStillArriveWhileWaitingForTheCloseAnswer() {
        Wire wire = Wire.server();
        wire.handler.connection().close();
        wire.feed(Wire.masked(0x81, "late".getBytes(UTF_8)));
        assertThat(wire.handler.events).containsExactly("open", "text:late");
    }

    @Test
    void nothingIsSentAfterAClose() {
        Wire wire = Wire.server();
        wire.handler.connection().close();
        wire.written();
        wire.handler.connection().sendText("dropped");
        wire.handler.connection().ping(ByteBuffer.allocate(1));
        wire.handler.connection().close();
        assertThat(wire.written()).isEmpty();
    }

    @Test
    void framesAfterThePeersCloseAreIgnored() {
        Wire wire = Wire.server();
        wire.feed(FramingTest.concat(Wire.masked(0x88, close(1000, "")), Wire.masked(0x81, "x".getBytes(UTF_8))));
        wire.tcpClosed();
        assertThat(wire.handler.events).containsExactly("open", "close:1000:");
    }

    @Test
    void connectionLostWithoutAHandshakeIsAbnormal() {
        Wire wire = Wire.client();
        wire.tcpClosed();
        assertThat(wire.handler.closeCode()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
        assertThat(wire.handler.events).hasSize(2);
    }

    @Test
    void closeRefusesCodesThatMayNotBeSentAndLongReasons() {
        Wire wire = Wire.server();
        assertThatThrownBy(() -> wire.handler.connection().close(1005, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wire.handler.connection().close(1000, "x".repeat(124)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wire.written()).isEmpty();
    }
}
