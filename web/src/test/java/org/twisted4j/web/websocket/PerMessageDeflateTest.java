package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692): the examples of section 7.2.3, limits, and the negotiation. */
class PerMessageDeflateTest {

    @Test
    void readsRfcCompressedHello() {
        Wire wire = Wire.deflating(true, false).feed("c1 07 f2 48 cd c9 c9 07 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void writesRfcCompressedHello() {
        Wire wire = Wire.deflating(false, false);
        wire.handler.connection().sendText("Hello");
        assertThat(wire.written()).isEqualTo(Wire.hex("c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void readsRfcCompressedHelloInTwoFragments() {
        Wire wire = Wire.deflating(true, false).feed("41 03 f2 48 cd").feed("80 04 c9 c9 07 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void readsRfcSecondHelloThatRefersToTheFirst() {
        Wire wire = Wire.deflating(true, false).feed("c1 07 f2 48 cd c9 c9 07 00").feed("c1 05 f2 00 11 00 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello", "text:Hello");
    }

    @Test
    void writesRfcSecondHelloWithTheSharedWindow() {
        Wire wire = Wire.deflating(false, false);
        wire.handler.connection().sendText("Hello");
        wire.handler.connection().sendText("Hello");
        assertThat(wire.written()).isEqualTo(Wire.hex("c1 07 f2 48 cd c9 c9 07 00  c1 05 f2 00 11 00 00"));
    }

    @Test
    void withoutContextTakeoverEachMessageIsCompressedAlone() {
        Wire wire = Wire.deflating(false, true);
        wire.handler.connection().sendText("Hello");
        wire.handler.connection().sendText("Hello");
        assertThat(wire.written()).isEqualTo(Wire.hex("c1 07 f2 48 cd c9 c9 07 00  c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void readsRfcStoredBlock() {
        Wire wire = Wire.deflating(true, false).feed("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void readsRfcBlockWithBfinalSetAndThenAnotherMessage() {
        Wire wire = Wire.deflating(true, false).feed("c1 08 f3 48 cd c9 c9 07 00 00")
                .feed("c1 07 f2 48 cd c9 c9 07 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello", "text:Hello");
    }

    @Test
    void readsRfcTwoBlocksInOneMessage() {
        Wire wire = Wire.deflating(true, false).feed("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00");
        assertThat(wire.handler.events).containsExactly("open", "text:Hello");
    }

    @Test
    void compressedStreamRoundTripsThroughAPeer() {
        Wire sender = Wire.deflating(false, false);
        MessageStream stream = sender.handler.connection().beginBinary();
        byte[] chunk = "twisted4j ".repeat(1000).getBytes(UTF_8);
        stream.write(ByteBuffer.wrap(chunk));
        stream.write(ByteBuffer.wrap(chunk));
        stream.end();
        sender.handler.connection().sendText("");
        byte[] frames = Wire.bytes(sender.written());
        assertThat(frames.length).isLessThan(chunk.length / 4);
        Wire receiver = Wire.deflating(true, false).feed(frames);
        assertThat(receiver.handler.binaries).hasSize(1);
        assertThat(new String(receiver.handler.binaries.getFirst(), UTF_8)).isEqualTo(new String(chunk, UTF_8).repeat(2));
        assertThat(receiver.handler.events).endsWith("text:");
    }

    @Test
    void zipBombStopsAtTheMessageLimit() {
        byte[] zeros = new byte[64 << 20];
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(zeros);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] out = new byte[8192];
        int n;
        while ((n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH)) > 0) {
            compressed.write(out, 0, n);
        }
        byte[] payload = compressed.toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(10 + payload.length).put((byte) 0xc2).put((byte) 127)
                .putLong(payload.length - 4).put(payload, 0, payload.length - 4);
        Wire wire = Wire.deflating(true, false, WebSocketOptions.builder().maxMessageSize(1 << 20).build());
        wire.feed(frame.array());
        assertThat(wire.writtenCloseCode()).isEqualTo(1009);
        wire.tcpClosed();
        assertThat(wire.handler.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void compressionBitOnAContinuationIsAProtocolError() {
        Wire wire = Wire.deflating(true, false).feed("41 03 f2 48 cd").feed("c0 04 c9 c9 07 00");
        assertThat(wire.writtenCloseCode()).isEqualTo(1002);
    }

    @Test
    void compressionBitOnAControlFrameIsAProtocolError() {
        assertThat(Wire.deflating(true, false).feed("c9 00").writtenCloseCode()).isEqualTo(1002);
    }

    @Test
    void corruptCompressedDataIsInvalidPayload() {
        assertThat(Wire.deflating(true, false).feed("c2 02 ff ff").writtenCloseCode()).isEqualTo(1007);
    }

    private static List<HeaderTokens.Extension> offers(String header) {
        return HeaderTokens.extensions(List.of(header));
    }

    @Test
    void serverAcceptsAPlainOffer() {
        var agreement = PerMessageDeflate.accept(offers("permessage-deflate"), false);
        assertThat(agreement).isNotNull();
        assertThat(agreement.header()).isEqualTo("permessage-deflate");
    }

    @Test
    void serverAcceptsClientWindowBitsAndEchoesNoContextTakeover() {
        var agreement = PerMessageDeflate.accept(
                offers("permessage-deflate; client_max_window_bits; server_no_context_takeover; "
                        + "client_no_context_takeover"), false);
        assertThat(agreement).isNotNull();
        assertThat(agreement.header())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(agreement.serverNoContextTakeover()).isTrue();
        assertThat(agreement.clientNoContextTakeover()).isTrue();
    }

    @Test
    void serverDeclinesASmallServerWindowAndTakesTheNextOffer() {
        var agreement = PerMessageDeflate.accept(
                offers("permessage-deflate; server_max_window_bits=10, permessage-deflate; server_max_window_bits=15"),
                false);
        assertThat(agreement).isNotNull();
        assertThat(agreement.header()).isEqualTo("permessage-deflate; server_max_window_bits=15");
    }

    @Test
    void serverDeclinesOffersItCannotHonour() {
        assertThat(PerMessageDeflate.accept(offers("permessage-deflate; server_max_window_bits=9"), false)).isNull();
        assertThat(PerMessageDeflate.accept(offers("permessage-deflate; client_max_window_bits=16"), false)).isNull();
        assertThat(PerMessageDeflate.accept(offers("permessage-deflate; mystery"), false)).isNull();
        assertThat(PerMessageDeflate.accept(offers("permessage-deflate; server_no_context_takeover=1"), false))
                .isNull();
        assertThat(PerMessageDeflate.accept(offers("x-webkit-deflate-frame"), false)).isNull();
    }

    @Test
    void repeatedParameterIsABadHeader() {
        assertThatThrownBy(() -> offers("permessage-deflate; server_no_context_takeover; server_no_context_takeover"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedParameterValuesAreRead() {
        var agreement = PerMessageDeflate.accept(offers("permessage-deflate; client_max_window_bits=\"10\""), false);
        assertThat(agreement).isNotNull();
    }

    @Test
    void clientChecksTheServersAnswer() {
        assertThat(PerMessageDeflate.check(List.of(), "", false)).isNull();
        var agreement = PerMessageDeflate.check(offers("permessage-deflate; server_max_window_bits=10; "
                + "client_no_context_takeover"), "h", false);
        assertThat(agreement).isNotNull();
        assertThat(agreement.clientNoContextTakeover()).isTrue();
        assertThatThrownBy(() -> PerMessageDeflate.check(offers("permessage-deflate; client_max_window_bits=10"),
                "h", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PerMessageDeflate.check(offers("other"), "h", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PerMessageDeflate.check(offers("permessage-deflate"), "h", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
