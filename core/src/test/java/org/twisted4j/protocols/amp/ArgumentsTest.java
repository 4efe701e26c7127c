package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    record Pair(long a, String b) {
    }

    static final Schema<Pair> PAIR = Schema.of(Pair.class).field("a", Arguments.integer())
            .field("b", Arguments.unicode()).build();

    private static <T> void writesAsTwisted(Argument<T> argument, T value, String label) {
        byte[] twisted = TwistedWire.bytes(label);
        assertThat(argument.toBytes(value)).as(label).isEqualTo(twisted);
        assertThat(argument.fromBytes(twisted)).as(label).isEqualTo(value);
    }

    @Test
    void integersAsTwisted() {
        for (long value : new long[] {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE}) {
            writesAsTwisted(Arguments.integer(), value, "integer." + value);
        }
        BigInteger big = BigInteger.TWO.pow(100);
        writesAsTwisted(Arguments.bigInteger(), big, "integer." + big);
        assertThatThrownBy(() -> Arguments.integer().fromBytes(TwistedWire.bytes("integer." + big)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.integer().fromBytes("12x".getBytes(US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Arguments.integer().fromBytes(" +7 ".getBytes(US_ASCII))).isEqualTo(7L);
    }

    @Test
    void floatsAsPythonReprIncludingInfinitiesAndNan() {
        Map<String, byte[]> floats = TwistedWire.withPrefix("float.");
        assertThat(floats).hasSizeGreaterThan(15);
        floats.forEach((repr, twisted) -> {
            double value = Arguments.parsePythonFloat(repr);
            assertThat(new String(Arguments.float64().toBytes(value), US_ASCII)).as(repr)
                    .isEqualTo(new String(twisted, US_ASCII));
            assertThat(Double.doubleToLongBits(Arguments.float64().fromBytes(twisted))).as(repr)
                    .isEqualTo(Double.doubleToLongBits(value));
        });
        assertThat(Arguments.float64().toBytes(Double.NEGATIVE_INFINITY)).isEqualTo("-inf".getBytes(US_ASCII));
        assertThat(Arguments.float64().fromBytes("nan".getBytes(US_ASCII))).isNaN();
        assertThat(Arguments.float64().fromBytes("-Infinity".getBytes(US_ASCII))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> Arguments.float64().fromBytes("1.0d".getBytes(US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.float64().fromBytes("0x1p3".getBytes(US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleansAreTrueAndFalseExactly() {
        writesAsTwisted(Arguments.bool(), true, "boolean.True");
        writesAsTwisted(Arguments.bool(), false, "boolean.False");
        assertThatThrownBy(() -> Arguments.bool().fromBytes("true".getBytes(US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad boolean value");
    }

    @Test
    void stringsAndBytesPassThrough() {
        byte[] bytes = {0, (byte) 0xff, 'a', 'b', 'c'};
        assertThat(Arguments.string().toBytes(bytes)).isEqualTo(TwistedWire.bytes("string.bytes"));
        assertThat(Arguments.bytes().fromBytes(TwistedWire.bytes("string.bytes"))).isEqualTo(bytes);
    }

    @Test
    void unicodeIsStrictUtf8() {
        writesAsTwisted(Arguments.unicode(), "h\u00e9llo \u2603 \uD83D\uDE00", "unicode.text");
        assertThatThrownBy(() -> Arguments.unicode().fromBytes(new byte[] {(byte) 0xc3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsAreAbsoluteUtf8() {
        writesAsTwisted(Arguments.path(), Path.of("/tmp/a b/\u00e9"), "path.abs");
        assertThat(Arguments.path().fromBytes("rel".getBytes(UTF_8))).isAbsolute();
    }

    @Test
    void dateTimesAreThe32CharacterForm() {
        writesAsTwisted(Arguments.dateTime(), OffsetDateTime.of(2012, 1, 23, 12, 34, 56, 54_321_000,
                ZoneOffset.ofHoursMinutes(1, 23)), "datetime.plus");
        writesAsTwisted(Arguments.dateTime(), OffsetDateTime.of(1, 2, 3, 4, 5, 6, 7_000,
                ZoneOffset.ofHoursMinutes(-5, -30)), "datetime.minus");
        writesAsTwisted(Arguments.dateTime(), OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000,
                ZoneOffset.UTC), "datetime.utc");
        assertThat(TwistedWire.bytes("datetime.utc")).hasSize(32);
        assertThat(Arguments.dateTime().toBytes(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 123_456_789,
                ZoneOffset.UTC))).asString(US_ASCII).isEqualTo("2000-01-01T00:00:00.123456-00:00");
        assertThatThrownBy(() -> Arguments.dateTime().fromBytes("2012-01-23T12:34:56+01:23".getBytes(US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid date format");
        assertThatThrownBy(() -> Arguments.dateTime().fromBytes(
                "2012-13-23T12:34:56.000000+01:23".getBytes(US_ASCII))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.dateTime().toBytes(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0,
                ZoneOffset.UTC))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAsPythonStrIncludingSpecialValues() {
        Map<String, byte[]> decimals = TwistedWire.withPrefix("decimal.");
        assertThat(decimals).hasSizeGreaterThan(15);
        decimals.forEach((text, twisted) -> {
            AmpDecimal value = AmpDecimal.parse(text);
            assertThat(new String(Arguments.decimal().toBytes(value), US_ASCII)).as(text)
                    .isEqualTo(new String(twisted, US_ASCII));
            assertThat(Arguments.decimal().fromBytes(twisted)).as(text).isEqualTo(value);
        });
        assertThat(Arguments.decimal().toBytes(AmpDecimal.of(new BigDecimal("1.50"))))
                .asString(US_ASCII).isEqualTo("1.50");
        assertThat(AmpDecimal.parse("-0.00").isNegative()).isTrue();
        assertThat(AmpDecimal.parse("-Inf")).isEqualTo(AmpDecimal.NEGATIVE_INFINITY);
        assertThat(AmpDecimal.parse("nan")).isEqualTo(AmpDecimal.NAN);
        assertThatThrownBy(() -> AmpDecimal.parse("NaN12")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> AmpDecimal.INFINITY.toBigDecimal()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void listOfPrefixesEachElementWithItsLength() {
        writesAsTwisted(Arguments.listOf(Arguments.integer()), List.of(3L, 7L, 9L, 15L), "listof.integers");
        writesAsTwisted(Arguments.listOf(Arguments.unicode()), List.of("a", "", "\u00fc"), "listof.unicode");
        writesAsTwisted(Arguments.listOf(Arguments.integer()), List.<Long>of(), "listof.empty");
        assertThatThrownBy(() -> Arguments.listOf(Arguments.integer()).fromBytes(new byte[] {0, 2, '1'}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arguments.listOf(Arguments.string()).toBytes(List.of(new byte[65536])))
                .isInstanceOf(TooLong.class);
    }

    @Test
    void ampListIsOneBoxPerElement() {
        writesAsTwisted(Arguments.ampList(PAIR), List.of(new Pair(7, "hello"), new Pair(9, "goodbye")),
                "amplist.pairs");
        writesAsTwisted(Arguments.ampList(PAIR), List.<Pair>of(), "amplist.empty");
    }

    @Test
    void listsNest() {
        Argument<List<List<Double>>> nested = Arguments.listOf(Arguments.listOf(Arguments.float64()));
        List<List<Double>> value = List.of(List.of(1.5, Double.POSITIVE_INFINITY), List.of(), List.of(-0.0));
        assertThat(nested.fromBytes(nested.toBytes(value))).isEqualTo(value);
    }
}
