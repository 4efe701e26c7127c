package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A peer that breaks the protocol gets a close frame with the RFC's code, and the TCP connection closes. */
class ProtocolErrorTest {

    /** Asserts the session wrote a close frame with {@code code} first, closed TCP, and reports the code. */
    private static void assertFailedWith(Wire wire, int code) {
        assertThat(wire.writtenCloseCode()).as("code of the close frame").isEqualTo(code);
        assertThat(wire.transport.isDisconnecting()).isTrue();
        wire.tcpClosed();
        assertThat(wire.handler.closeCode()).isEqualTo(code);
    }

    @Test
    void unmaskedClientFrameIsAProtocolError() {
        Wire wire = Wire.server().feed("81 05 48 65 6c 6c 6f");
        assertFailedWith(wire, 1002);
        assertThat(wire.handler.events).doesNotContain("text:Hello");
    }

    @Test
    void maskedServerFrameIsAProtocolError() {
        assertFailedWith(Wire.client().feed("81 85 37 fa 21 3d 7f 9f 4d 51 58"), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void reservedBitsWithoutAnExtensionAreAProtocolError(int bits) {
        assertFailedWith(Wire.server().feed(Wire.masked(0x81 | bits, new byte[] {'a'})), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf})
    void unknownOpcodesAreAProtocolError(int opcode) {
        assertFailedWith(Wire.server().feed(Wire.masked(0x80 | opcode, new byte[0])), 1002);
    }

    @Test
    void fragmentedPingIsAProtocolError() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x09, new byte[] {1})), 1002);
    }

    @Test
    void pingOverOneHundredTwentyFiveBytesIsAProtocolError() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x89, new byte[126])), 1002);
    }

    @Test
    void continuationWithoutAMessageIsAProtocolError() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x80, new byte[] {'a'})), 1002);
    }

    @Test
    void newMessageInsideAFragmentedOneIsAProtocolError() {
        Wire wire = Wire.server().feed(Wire.masked(0x01, new byte[] {'a'})).feed(Wire.masked(0x81, new byte[] {'b'}));
        assertFailedWith(wire, 1002);
    }

    @Test
    void lengthWithItsTopBitSetIsAProtocolError() {
        assertFailedWith(Wire.client().feed("82 7f 80 00 00 00 00 00 00 01"), 1002);
    }

    @Test
    void oneByteClosePayloadIsAProtocolError() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x88, new byte[] {3})), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void closeCodesNeverSentAreAProtocolError(int code) {
        byte[] payload = ByteBuffer.allocate(2).putShort((short) code).array();
        assertFailedWith(Wire.server().feed(Wire.masked(0x88, payload)), 1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1014, 3000, 3999, 4000, 4999})
    void allowedCloseCodesAreEchoed(int code) {
        byte[] payload = ByteBuffer.allocate(2).putShort((short) code).array();
        Wire wire = Wire.server().feed(Wire.masked(0x88, payload));
        assertThat(wire.written()).isEqualTo("8802" + String.format("%04x", code));
        wire.tcpClosed();
        assertThat(wire.handler.closeCode()).isEqualTo(code);
    }

    @Test
    void closeReasonThatIsNotUtf8IsInvalidPayload() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x88, Wire.bytes("03 e8 ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80"))), 1007);
    }

    @Test
    void textThatIsNotUtf8IsInvalidPayload() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x81, Wire.bytes("ce ba ed a0 80 65"))), 1007);
    }

    @Test
    void badUtf8FailsAtItsFragmentBeforeTheMessageEnds() {
        Wire wire = Wire.server().feed(Wire.masked(0x01, Wire.bytes("ce ba")));
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.feed(Wire.masked(0x00, Wire.bytes("e1 bd")));            // still a valid start
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.feed(Wire.masked(0x00, Wire.bytes("f4 90")));            // above U+10FFFF: no end can save it
        assertFailedWith(wire, 1007);
    }

    @Test
    void characterSplitAcrossFragmentsIsAccepted() {
        Wire wire = Wire.server().feed(Wire.masked(0x01, Wire.bytes("f0 9d"))).feed(Wire.masked(0x80, Wire.bytes("84 9e")));
        assertThat(wire.handler.events).containsExactly("open", "text:\uD834\uDD1E");
    }

    @Test
    void textEndingInsideACharacterIsInvalidPayload() {
        assertFailedWith(Wire.server().feed(Wire.masked(0x81, Wire.bytes("61 e2 82"))), 1007);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0 af", "e0 80 af", "f0 80 80 af", "f8 88 80 80 80", "ed bf bf", "80", "fe", "ff"})
    void malformedUtf8SequencesAreInvalidPayload(String hex) {
        assertFailedWith(Wire.server().feed(Wire.masked(0x81, Wire.bytes(hex))), 1007);
    }

    @Test
    void frameOverTheLimitIsRefusedFromItsHeader() {
        Wire wire = Wire.client(WebSocketOptions.builder().maxFrameSize(1000).build());
        wire.feed("82 7e 03 e9");                                     // 1001 bytes announced, none sent
        assertFailedWith(wire, 1009);
    }

    @Test
    void messageOverTheLimitAcrossFragmentsIsTooBig() {
        Wire wire = Wire.client(WebSocketOptions.builder().maxMessageSize(100).build());
        wire.feed("02 32" + "00".repeat(50)).feed("00 32" + "00".repeat(50));
        assertThat(wire.transport.isDisconnecting()).isFalse();
        wire.feed("80 01 00");
        assertFailedWith(wire, 1009);
    }

    @Test
    void bytesAfterAFailureAreIgnored() {
        Wire wire = Wire.server();
        byte[] bad = Wire.masked(0x81, Wire.bytes("ff"));
        byte[] good = Wire.masked(0x81, "ok".getBytes(UTF_8));
        wire.feed(FramingTest.concat(bad, good));
        assertFailedWith(wire, 1007);
        assertThat(wire.handler.events).doesNotContain("text:ok");
    }

    @Test
    void handlerThatThrowsClosesWithInternalError() {
        RecordingHandler throwing = new RecordingHandler() {
            @Override
            public void onText(String text) {
                throw new IllegalStateException("boom");
            }
        };
        Wire wire = Wire.with(throwing, false);
        wire.feed(Wire.masked(0x81, "x".getBytes(UTF_8)));
        assertFailedWith(wire, 1011);
    }
}
