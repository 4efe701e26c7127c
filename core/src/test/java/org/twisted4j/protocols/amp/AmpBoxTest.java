package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmpBoxTest {

    private static List<AmpBox> parse(byte[] wire) {
        return BoxParser.parseAll(wire);
    }

    @Test
    void emptyBoxIsTwoZeroBytes() {
        assertThat(new AmpBox().serialize()).isEqualTo(TwistedWire.bytes("box.empty"));
    }

    @Test
    void keysGoOutSortedAsTwistedWritesThem() {
        AmpBox sum = new AmpBox().put("_command", "Sum").put("_ask", "1").put("b", "81").put("a", "13");
        assertThat(sum.serialize()).isEqualTo(TwistedWire.bytes("box.sum"));
        assertThat(new AmpBox().put("total", "94").put("_answer", "1").serialize())
                .isEqualTo(TwistedWire.bytes("box.answer"));
        assertThat(new AmpBox().put("_error_description", "division by zero").put("_error", "2")
                .put("_error_code", "ZERO_DIVISION").serialize()).isEqualTo(TwistedWire.bytes("box.error"));
    }

    @Test
    void binaryKeysLongestKeyAndEmptyValueMatchTwisted() {
        AmpBox box = new AmpBox().put("\u00ff", new byte[] {0, 1}).put("k".repeat(255), "v".repeat(1000))
                .put("B", new byte[0]);
        assertThat(box.serialize()).isEqualTo(TwistedWire.bytes("box.binary"));
        assertThat(parse(TwistedWire.bytes("box.binary"))).containsExactly(box);
    }

    @Test
    void twistedBoxesParseBack() {
        assertThat(parse(TwistedWire.bytes("box.sum"))).containsExactly(
                new AmpBox().put("_command", "Sum").put("_ask", "1").put("a", "13").put("b", "81"));
    }

    @Test
    void keyOver255BytesIsTooLongOnWrite() {
        AmpBox box = new AmpBox().put("k".repeat(256), "v");
        assertThatThrownBy(box::serialize).isInstanceOfSatisfying(TooLong.class, e -> {
            assertThat(e.what()).isEqualTo(TooLong.What.KEY);
            assertThat(e.isLocal()).isTrue();
            assertThat(e.length()).isEqualTo(256);
        });
    }

    @Test
    void valueOver65535BytesIsTooLongOnWriteNamingItsKey() {
        AmpBox box = new AmpBox().put("big", new byte[65536]);
        assertThatThrownBy(box::serialize).isInstanceOfSatisfying(TooLong.class, e -> {
            assertThat(e.what()).isEqualTo(TooLong.What.VALUE);
            assertThat(e.keyName()).isEqualTo("big");
            assertThat(e.getMessage()).isEqualTo("local value of key big too long: 65536");
        });
        assertThat(new AmpBox().put("big", new byte[65535]).serialize()).hasSize(2 + 3 + 2 + 65535 + 2);
    }

    @Test
    void emptyKeysAndWideCharactersAreRefused() {
        assertThatThrownBy(() -> new AmpBox().put("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmpBox().put("\u0100", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anySplitParsesTheSame() {
        byte[] wire = concat(TwistedWire.bytes("box.sum"), TwistedWire.bytes("box.empty"),
                TwistedWire.bytes("box.binary"), TwistedWire.bytes("box.error"));
        List<AmpBox> whole = parse(wire);
        assertThat(whole).hasSize(4);
        for (int first = 0; first <= wire.length; first += 7) {
            for (int second = first; second <= wire.length; second += 331) {
                List<AmpBox> got = new ArrayList<>();
                BoxParser parser = new BoxParser(got::add);
                parser.feed(ByteBuffer.wrap(wire, 0, first));
                parser.feed(ByteBuffer.wrap(wire, first, second - first));
                parser.feed(ByteBuffer.wrap(wire, second, wire.length - second));
                assertThat(got).as("split at %d and %d", first, second).isEqualTo(whole);
            }
        }
        List<AmpBox> byteByByte = new ArrayList<>();
        BoxParser parser = new BoxParser(byteByByte::add);
        for (byte b : wire) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(byteByByte).isEqualTo(whole);
    }

    @Test
    void keyAnnouncedOver255BytesIsRefusedAtItsPrefix() {
        List<AmpBox> got = new ArrayList<>();
        BoxParser parser = new BoxParser(got::add);
        byte[] wire = concat(TwistedWire.bytes("box.answer"), new byte[] {1, 0});
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(wire))).isInstanceOfSatisfying(TooLong.class, e -> {
            assertThat(e.what()).isEqualTo(TooLong.What.KEY);
            assertThat(e.isLocal()).isFalse();
            assertThat(e.length()).isEqualTo(256);
        });
        assertThat(got).hasSize(1);
        assertThat(parser.bufferedBytes()).isZero();
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[] {0, 0}))).isInstanceOf(TooLong.class);
    }

    @Test
    void boxOverTheLimitIsRefusedBeforeItsValueArrives() {
        List<AmpBox> got = new ArrayList<>();
        BoxParser parser = new BoxParser(got::add);
        parser.setMaxBoxSize(100);
        byte[] exactly100 = new AmpBox().put("k", new byte[100 - 2 - 1 - 2 - 2]).serialize();
        assertThat(exactly100).hasSize(100);
        parser.feed(ByteBuffer.wrap(exactly100));
        assertThat(got).hasSize(1);
        parser.feed(ByteBuffer.wrap(new byte[] {0}));
        assertThat(parser.hasPartialBox()).isTrue();
        assertThat(parser.bufferedBytes()).isZero();
        byte[] header = {1, 'k', (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(header))).isInstanceOfSatisfying(TooLong.class,
                e -> assertThat(e.what()).isEqualTo(TooLong.What.BOX));
        assertThat(parser.bufferedBytes()).isZero();
    }

    @Test
    void parseAllRefusesBytesEndingInsideABox() {
        byte[] wire = TwistedWire.bytes("box.sum");
        byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 1);
        assertThatThrownBy(() -> BoxParser.parseAll(cut)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopEndsDeliveryAfterTheCurrentBox() {
        List<AmpBox> got = new ArrayList<>();
        BoxParser[] parser = new BoxParser[1];
        parser[0] = new BoxParser(box -> {
            got.add(box);
            parser[0].stop();
        });
        parser[0].feed(ByteBuffer.wrap(concat(TwistedWire.bytes("box.sum"), TwistedWire.bytes("box.answer"))));
        assertThat(got).hasSize(1);
    }

    @Test
    void toStringShowsKeysAndText() {
        assertThat(new AmpBox().put("b", "2".getBytes(US_ASCII)).put("a", "1")).hasToString("AmpBox{a=1, b=2}");
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
