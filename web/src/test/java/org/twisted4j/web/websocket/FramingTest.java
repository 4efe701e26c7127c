package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.testing.ProducerState;

/** The frame format, with RFC 6455 section 5.7's examples byte for byte. */
class FramingTest {

    private static final WebSocketOptions PLAIN = WebSocketOptions.builder().permessageDeflate(false).build();

    @Test
    void serverReadsRfcMaskedHello() {
        Wire wire = Wire.server().feed("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void clientReadsRfcUnmaskedHello() {
        Wire wire = Wire.client().feed("81 05 48 65 6c 6c 6f");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void clientReadsRfcFragmentedHello() {
        Wire wire = Wire.client().feed("01 03 48 65 6c").feed("80 02 6c 6f");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void serverWritesRfcUnmaskedHello() {
        Wire wire = Wire.server(PLAIN);
        wire.handler.connection().sendText("Hello");
        assertThat(wire.written()).isEqualTo(Wire.hex("81 05 48 65 6c 6c 6f"));
    }

    @Test
    void clientWritesRfcMaskedHello() {
        Wire wire = Wire.client(PLAIN);
        wire.handler.connection().sendText("Hello");
        assertThat(wire.written()).isEqualTo(Wire.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    }

    @Test
    void clientAnswersRfcPingWithRfcMaskedPong() {
        Wire wire = Wire.client().feed("89 05 48 65 6c 6c 6f");
        assertThat(wire.written()).isEqualTo(Wire.hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
        assertThat(wire.handler.events).containsExactly("open", "ping:Hello");
    }

    @Test
    void serverAnswersMaskedPingWithUnmaskedPong() {
        Wire wire = Wire.server().feed(Wire.masked(0x89, "Hello".getBytes(UTF_8)));
        assertThat(wire.written()).isEqualTo(Wire.hex("8a 05 48 65 6c 6c 6f"));
    }

    @Test
    void twoHundredFiftySixBytesUseTheSixteenBitLength() {
        Wire wire = Wire.server(PLAIN);
        byte[] data = new byte[256];
        wire.handler.connection().sendBinary(ByteBuffer.wrap(data));
        assertThat(wire.written()).isEqualTo("827e0100" + "00".repeat(256));
    }

    @Test
    void sixtyFourKibibytesUseTheSixtyFourBitLength() {
        Wire wire = Wire.server(PLAIN);
        wire.handler.connection().sendBinary(ByteBuffer.wrap(new byte[65536]));
        assertThat(wire.written()).startsWith("827f0000000000010000").hasSize(2 * (10 + 65536));
    }

    @Test
    void clientReadsSixtyFourKibibyteBinary() {
        byte[] frame = new byte[10 + 65536];
        System.arraycopy(Wire.bytes("82 7f 00 00 00 00 00 01 00 00"), 0, frame, 0, 10);
        Arrays.fill(frame, 10, frame.length, (byte) 7);
        Wire wire = Wire.client().feed(frame);
        assertThat(wire.handler.binaries).hasSize(1);
        assertThat(wire.handler.binaries.getFirst()).hasSize(65536).containsOnly(7);
    }

    @Test
    void anySplitOfTheBytesParsesTheSame() {
        // "Hel" + ping + "lo" as a fragmented text message, then a binary message with a 16-bit length.
        byte[] stream = concat(Wire.masked(0x01, "Hel".getBytes(UTF_8)), Wire.masked(0x89, "p".getBytes(UTF_8)),
                Wire.masked(0x80, "lo".getBytes(UTF_8)), Wire.masked(0x82, new byte[200]));
        List<String> expected = List.of("open", "ping:p", "text:Hello", "binary:200 bytes");
        for (int split = 0; split <= stream.length; split++) {
            Wire wire = Wire.server();
            wire.feed(Arrays.copyOfRange(stream, 0, split)).feed(Arrays.copyOfRange(stream, split, stream.length));
            assertThat(wire.handler.events).as("split at %d", split).isEqualTo(expected);
        }
        Wire byteByByte = Wire.server();
        for (byte b : stream) {
            byteByByte.feed(new byte[] {b});
        }
        assertThat(byteByByte.handler.events).isEqualTo(expected);
    }

    @Test
    void streamedTextGoesOutAsContinuationFrames() {
        Wire wire = Wire.server(PLAIN);
        MessageStream stream = wire.handler.connection().beginText();
        stream.write("Hel");
        stream.write("lo");
        stream.end();
        assertThat(wire.written()).isEqualTo(Wire.hex("01 03 48 65 6c  00 02 6c 6f  80 00"));
    }

    @Test
    void streamedTextKeepsASurrogatePairSplitBetweenPieces() {
        Wire wire = Wire.server(PLAIN);
        String clef = "\uD834\uDD1E";
        MessageStream stream = wire.handler.connection().beginText();
        stream.write("a" + clef.charAt(0));
        stream.write(clef.charAt(1) + "b");
        stream.end();
        assertThat(wire.written()).isEqualTo(Wire.hex("01 01 61  00 05 f0 9d 84 9e 62  80 00"));
    }

    @Test
    void wholeMessagesWaitForAnOpenStreamToEnd() {
        Wire wire = Wire.server(PLAIN);
        MessageStream stream = wire.handler.connection().beginBinary();
        assertThatThrownBy(() -> wire.handler.connection().sendText("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stream.write("text")).isInstanceOf(IllegalStateException.class);
        stream.end();
        assertThatThrownBy(stream::end).isInstanceOf(IllegalStateException.class);
        wire.handler.connection().sendText("x");
        assertThat(wire.written()).endsWith(Wire.hex("81 01 78"));
    }

    @Test
    void pingsMayGoOutInsideAStreamedMessage() {
        Wire wire = Wire.server(PLAIN);
        MessageStream stream = wire.handler.connection().beginBinary();
        stream.write(ByteBuffer.wrap(new byte[] {1}));
        wire.handler.connection().ping(ByteBuffer.wrap(new byte[] {9}));
        stream.end();
        assertThat(wire.written()).isEqualTo(Wire.hex("02 01 01  89 01 09  80 00"));
    }

    @Test
    void pingLongerThanAControlFrameIsRefused() {
        Wire wire = Wire.server();
        assertThatThrownBy(() -> wire.handler.connection().ping(ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transportBackPressureReachesTheHandler() {
        Wire wire = Wire.server();
        assertThat(wire.transport.producer()).isSameAs(wire.session);
        assertThat(wire.transport.isStreaming()).isTrue();
        PushProducer producer = (PushProducer) wire.transport.producer();
        producer.pauseProducing();
        assertThat(wire.handler.connection().isSendingPaused()).isTrue();
        producer.resumeProducing();
        assertThat(wire.handler.connection().isSendingPaused()).isFalse();
        assertThat(wire.handler.events).containsExactly("open", "pause", "resume");
    }

    @Test
    void pausingReceivingPausesTheTransport() {
        Wire wire = Wire.server();
        wire.handler.connection().pauseReceiving();
        assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        wire.handler.connection().resumeReceiving();
        assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void frameAnnouncingTheLimitHoldsOnlyWhatHasArrived() throws ProtocolViolation {
        List<ByteBuffer> delivered = new ArrayList<>();
        FrameParser parser = new FrameParser(false, WebSocketOptions.DEFAULT_MAX_FRAME_SIZE,
                (opcode, fin, rsv1, payload) -> delivered.add(payload));
        parser.feed(ByteBuffer.wrap(concat(Wire.bytes("827f 0000 0000 0100 0000"), new byte[10])));
        assertThat(parser.payloadCapacity()).isLessThanOrEqualTo(FrameParser.FIRST_PAYLOAD_BUFFER);
        parser.feed(ByteBuffer.wrap(new byte[(16 << 20) - 10]));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().remaining()).isEqualTo(16 << 20);
        assertThat(parser.payloadCapacity()).isZero();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
