package org.twisted4j.spread.banana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.spread.banana.Sexps.hex;
import static org.twisted4j.spread.banana.Sexps.same;
import static org.twisted4j.spread.banana.Sexps.show;
import static org.twisted4j.spread.banana.Sexps.unhex;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The codec byte for byte against what Python Twisted's Banana writes (banana-vectors.txt, captured by
 * capture_banana.py next to it), split invariance, and every limit.
 */
class BananaCodecTest {

    private record Vector(boolean pb, String name, byte[] bytes) {
    }

    private static final BigInteger TWO = BigInteger.TWO;

    /** The Java value of each named case of capture_banana.py, as the decoder gives it back. */
    static Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        long[] ints = {0, 1, 127, 128, 16383, 16384, (1L << 21) - 1, 1L << 21, (1L << 28) - 1, 1L << 28,
            (1L << 31) - 1, 1L << 31, 1L << 32, 1L << 35, 1L << 56, 1L << 62, Long.MAX_VALUE};
        String[] names = {"int_0", "int_1", "int_127", "int_128", "int_16383", "int_16384", "int_2p21m1",
            "int_2p21", "int_2p28m1", "int_2p28", "int_2p31m1", "int_2p31", "int_2p32", "int_2p35", "int_2p56",
            "int_2p62", "int_2p63m1"};
        for (int i = 0; i < ints.length; i++) {
            v.put(names[i], ints[i]);
        }
        v.put("int_2p63", TWO.pow(63));
        v.put("int_2p64", TWO.pow(64));
        v.put("int_2p100", TWO.pow(100));
        v.put("int_2p448m1", TWO.pow(448).subtract(BigInteger.ONE));
        v.put("neg_1", -1L);
        v.put("neg_127", -127L);
        v.put("neg_128", -128L);
        v.put("neg_2p31", -(1L << 31));
        v.put("neg_2p31m1", -(1L << 31) - 1);
        v.put("neg_2p63", Long.MIN_VALUE);
        v.put("neg_2p63m1", TWO.pow(63).add(BigInteger.ONE).negate());
        v.put("neg_2p64", TWO.pow(64).negate());
        v.put("neg_2p448m1", TWO.pow(448).subtract(BigInteger.ONE).negate());
        v.put("float_0", 0.0);
        v.put("float_neg0", -0.0);
        v.put("float_1_5", 1.5);
        v.put("float_neg2_25", -2.25);
        v.put("float_1e308", 1e308);
        v.put("float_min", Double.MIN_VALUE);
        v.put("float_inf", Double.POSITIVE_INFINITY);
        v.put("float_neginf", Double.NEGATIVE_INFINITY);
        v.put("float_nan", Double.NaN);
        v.put("bytes_empty", new byte[0]);
        v.put("bytes_a", b("a"));
        v.put("bytes_127", b("x".repeat(127)));
        v.put("bytes_128", b("x".repeat(128)));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        v.put("bytes_all", all);
        v.put("bytes_16384", b("y".repeat(16384)));
        v.put("list_empty", List.of());
        v.put("list_nested", List.of(1L, List.of(2L, List.of(3L, List.of()))));
        v.put("list_mixed", List.of(b("a"), 1L, -1L, 1.5, List.of(b("list")), TWO.pow(64)));
        v.put("list_128", IntStream.range(0, 128).mapToObj(i -> (Object) (long) i).toList());
        for (String word : Vocabulary.PB_WORDS) {
            v.put("vocab_" + word, b(word));
        }
        v.put("pb_message", List.of(b("message"), 1L, b("root"), b("echo"), 1L,
                List.of(b("tuple"), List.of(b("unicode"), b("hi"))), List.of(b("dictionary"))));
        v.put("pb_notaword", b("notaword"));
        v.put("pb_dialects", List.of(b("pb"), b("none")));
        return v;
    }

    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Vector> vectors() throws IOException {
        try (InputStream in = BananaCodecTest.class.getResourceAsStream("banana-vectors.txt")) {
            assertThat(in).as("banana-vectors.txt").isNotNull();
            List<Vector> vectors = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] parts = line.split(" ");
                vectors.add(new Vector(parts[0].equals("pb"), parts[1], unhex(parts[2])));
            }
            return vectors;
        }
    }

    private static List<Object> decodeAll(boolean pb, byte[]... pieces) {
        List<Object> out = new ArrayList<>();
        BananaDecoder decoder = new BananaDecoder(out::add).setVocabulary(pb);
        for (byte[] piece : pieces) {
            decoder.feed(piece);
        }
        assertThat(decoder.isIdle()).isTrue();
        return out;
    }

    @Test
    void encodesEveryCaseAsPythonDoes() throws IOException {
        Map<String, Object> values = values();
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSize(values.size());
        for (Vector vector : vectors) {
            Object value = values.get(vector.name());
            assertThat(value).as(vector.name()).isNotNull();
            byte[] encoded = new BananaEncoder().setVocabulary(vector.pb()).encode(value);
            assertThat(hex(encoded)).as(vector.name()).isEqualTo(hex(vector.bytes()));
        }
    }

    @Test
    void decodesPythonsBytesToTheDocumentedJavaValues() throws IOException {
        Map<String, Object> values = values();
        for (Vector vector : vectors()) {
            List<Object> decoded = decodeAll(vector.pb(), vector.bytes());
            assertThat(decoded).as(vector.name()).hasSize(1);
            assertThat(same(decoded.get(0), values.get(vector.name())))
                    .as(vector.name() + ": " + show(decoded.get(0))).isTrue();
        }
    }

    @Test
    void integersComeBackAsLongWhenTheyFitElseBigInteger() {
        assertThat(decodeAll(false, unhex("0081")).get(0)).isInstanceOf(Long.class);
        assertThat(decodeAll(false, unhex("0000000000000000000186")).get(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(decodeAll(false, unhex("0000000000000000000185")).get(0)).isEqualTo(TWO.pow(63));
        // a long prefix of zeros is still a small number
        assertThat(decodeAll(false, unhex("05" + "00".repeat(60) + "81")).get(0)).isEqualTo(5L);
        // NEG of zero is zero
        assertThat(decodeAll(false, unhex("0083")).get(0)).isEqualTo(0L);
    }

    @Test
    void decodesTheSameWhateverTheSplit() throws IOException {
        Map<String, Object> values = values();
        for (Vector vector : vectors()) {
            byte[] bytes = vector.bytes();
            if (bytes.length > 600) {
                continue;
            }
            for (int cut = 0; cut <= bytes.length; cut++) {
                List<Object> decoded = decodeAll(vector.pb(), Arrays.copyOfRange(bytes, 0, cut),
                        Arrays.copyOfRange(bytes, cut, bytes.length));
                assertThat(decoded).hasSize(1);
                assertThat(same(decoded.get(0), values.get(vector.name()))).as(vector.name() + " cut at " + cut).isTrue();
            }
            byte[][] single = new byte[bytes.length][];
            for (int i = 0; i < bytes.length; i++) {
                single[i] = new byte[] {bytes[i]};
            }
            assertThat(same(decodeAll(vector.pb(), single).get(0), values.get(vector.name()))).isTrue();
        }
    }

    @Test
    void severalExpressionsInOnePieceComeOutInOrder() {
        List<Object> decoded = decodeAll(false, unhex("0181" + "0280018102810082" + "0383"));
        assertThat(show(decoded)).isEqualTo("[1, [1, 2], b\"\", -3]");
    }

    @Test
    void aPrefixPastTheLimitIsAnError() {
        BananaDecoder decoder = new BananaDecoder(x -> { });
        decoder.feed(new byte[64]);
        assertThatThrownBy(() -> decoder.feed(new byte[1])).isInstanceOf(BananaError.class)
                .hasMessageContaining("more than 64 bytes of prefix");
        assertThatThrownBy(() -> decoder.feed(unhex("0181"))).isInstanceOf(BananaError.class)
                .hasMessageContaining("already failed");
        // exactly the limit is fine
        assertThat(decodeAll(false, unhex("01" + "00".repeat(63) + "81"))).containsExactly(1L);
    }

    @Test
    void theLimitsHaveSetters() {
        BananaDecoder decoder = new BananaDecoder(x -> { }).setPrefixLimit(2);
        assertThatThrownBy(() -> decoder.feed(unhex("010101"))).isInstanceOf(BananaError.class);
        List<Object> out = new ArrayList<>();
        new BananaDecoder(out::add).setSizeLimit(3).feed(unhex("0382616263"));
        assertThat(show(out)).isEqualTo("[b\"abc\"]");
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).setSizeLimit(3).feed(unhex("04826162")))
                .isInstanceOf(BananaError.class).hasMessageContaining("string too long");
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).setSizeLimit(3).feed(unhex("0480")))
                .isInstanceOf(BananaError.class).hasMessageContaining("list too long");
    }

    @Test
    void aStringOrListPastSizeLimitIsAnErrorBeforeItsBytesArrive() {
        // 640 KiB + 1 = 0x0a0001: base 128 little-endian 01 00 28
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex("010028" + "82")))
                .isInstanceOf(BananaError.class).hasMessageContaining("string too long: 655361");
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex("010028" + "80")))
                .isInstanceOf(BananaError.class).hasMessageContaining("list too long");
        // a size needing more than 35 bits
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex("000000000001" + "82")))
                .isInstanceOf(BananaError.class).hasMessageContaining("more than 2^35");
        // exactly the limit waits for its bytes
        BananaDecoder decoder = new BananaDecoder(x -> { });
        decoder.feed(unhex("000028" + "82" + "6161"));
        assertThat(decoder.isIdle()).isFalse();
    }

    @Test
    void listsNestedPastTheDepthLimitAreAnError() {
        BananaDecoder decoder = new BananaDecoder(x -> { });
        decoder.feed(unhex("0180".repeat(BananaDecoder.DEFAULT_MAX_DEPTH)));
        assertThatThrownBy(() -> decoder.feed(unhex("0180"))).isInstanceOf(BananaError.class)
                .hasMessageContaining("nested deeper than 512");
        List<Object> out = new ArrayList<>();
        new BananaDecoder(out::add).feed(unhex("0180".repeat(511) + "0080"));
        assertThat(out).hasSize(1);
    }

    @Test
    void unknownTypeBytesAndVocabularyAreErrors() {
        for (String bad : new String[] {"88", "ff", "0188"}) {
            assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex(bad))).isInstanceOf(BananaError.class)
                    .hasMessageContaining("invalid type byte");
        }
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).setVocabulary(true).feed(unhex("2087")))
                .isInstanceOf(BananaError.class).hasMessageContaining("unknown vocabulary word 32");
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).setVocabulary(true).feed(unhex("0087")))
                .isInstanceOf(BananaError.class).hasMessageContaining("unknown vocabulary word 0");
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex("0187")))
                .isInstanceOf(BananaError.class).hasMessageContaining("outside the pb dialect");
    }

    @Test
    void theEncoderRefusesWhatBananaCannotSend() {
        BananaEncoder encoder = new BananaEncoder();
        assertThatThrownBy(() -> encoder.encode(TWO.pow(448))).isInstanceOf(BananaError.class)
                .hasMessageContaining("int is too large");
        assertThatThrownBy(() -> encoder.encode(TWO.pow(448).negate())).isInstanceOf(BananaError.class);
        assertThatThrownBy(() -> encoder.encode(new Object())).isInstanceOf(BananaError.class)
                .hasMessageContaining("cannot send java.lang.Object");
        assertThatThrownBy(() -> encoder.encode(null)).isInstanceOf(BananaError.class);
        assertThatThrownBy(() -> encoder.encode(new byte[BananaDecoder.SIZE_LIMIT + 1]))
                .isInstanceOf(BananaError.class).hasMessageContaining("too long");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> encoder.encode(loop)).isInstanceOf(BananaError.class)
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> new BananaEncoder().setPrefixLimit(1).encode(128L))
                .isInstanceOf(BananaError.class);
        assertThat(hex(new BananaEncoder().setPrefixLimit(1).encode(127L))).isEqualTo("7f81");
    }

    @Test
    void stringsEncodeAsUtf8AndFloatsWiden() {
        BananaEncoder encoder = new BananaEncoder();
        assertThat(hex(encoder.encode("h\u00e9"))).isEqualTo("038268c3a9");
        assertThat(hex(encoder.encode(1.5f))).isEqualTo("843ff8000000000000");
        assertThat(hex(encoder.encode(List.of(7, (short) 8, (byte) -9)))).isEqualTo("0380078108810983");
    }

    @Test
    void integersSwitchToTheLongTypesJustPastThirtyOneBitsAsTwistedsTestsSay() {
        BananaEncoder encoder = new BananaEncoder();
        String intOut = "7f7f7f07";
        assertThat(hex(encoder.encode(Integer.MAX_VALUE - 2))).isEqualTo("7d" + intOut + "81");
        assertThat(hex(encoder.encode(Integer.MAX_VALUE))).isEqualTo("7f" + intOut + "81");
        assertThat(hex(encoder.encode(Integer.MAX_VALUE + 1L))).isEqualTo("00000000" + "0885");
        assertThat(hex(encoder.encode(Integer.MAX_VALUE + 3L))).isEqualTo("02000000" + "0885");
        assertThat(hex(encoder.encode(Integer.MIN_VALUE + 1))).isEqualTo("7f" + intOut + "83");
        assertThat(hex(encoder.encode(Integer.MIN_VALUE))).isEqualTo("0000000008" + "83");
        assertThat(hex(encoder.encode(Integer.MIN_VALUE - 1L))).isEqualTo("0100000008" + "86");
        assertThat(decodeAll(false, encoder.encode(Integer.MIN_VALUE))).containsExactly((long) Integer.MIN_VALUE);
    }

    @Test
    void twistedsOversizedAndCrashInputsAreErrors() {
        for (String bad : new String[] {"020101010180", "020101010182", "000000000480"}) {
            assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex(bad))).as(bad)
                    .isInstanceOf(BananaError.class);
        }
        // 2^449 needs 65 bytes of prefix: an error, and a new decoder is not affected
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).feed(unhex("7f".repeat(65) + "85")))
                .isInstanceOf(BananaError.class);
        assertThat(decodeAll(false, unhex("0181"))).containsExactly(1L);
    }

    @Test
    void anIntegerPastAHalvedPrefixLimitIsAnErrorBothWays() {
        BigInteger smallest = TWO.pow(7 * 32);
        byte[] encoded = new BananaEncoder().encode(smallest);
        assertThatThrownBy(() -> new BananaEncoder().setPrefixLimit(32).encode(smallest)).isInstanceOf(BananaError.class);
        assertThatThrownBy(() -> new BananaEncoder().setPrefixLimit(32).encode(smallest.negate()))
                .isInstanceOf(BananaError.class);
        assertThatThrownBy(() -> new BananaDecoder(x -> { }).setPrefixLimit(32).feed(encoded))
                .isInstanceOf(BananaError.class);
    }

    @Test
    void vocabularyTextIsTheSharedWordOrNull() {
        for (int code = 1; code <= Vocabulary.PB_WORDS.size(); code++) {
            String word = Vocabulary.PB_WORDS.get(code - 1);
            assertThat(Vocabulary.code(b(word))).isEqualTo(code);
            assertThat(Vocabulary.text(b(word))).isSameAs(word);
        }
        assertThat(Vocabulary.text(b("answes"))).isNull();
        assertThat(Vocabulary.text(b("messages"))).isNull();
        assertThat(Vocabulary.text(b(""))).isNull();
        assertThat(Vocabulary.text(b("x".repeat(40)))).isNull();
    }
}
