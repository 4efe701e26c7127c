package org.twisted4j.spread.banana;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes the Banana decoder with small limits drawn from the input.
 *
 * <p>Invariants: only {@link BananaError} escapes; the input decodes to the same expressions and the same
 * error whether whole or cut at up to 8 fuzzed points; every expression is within the limits (string
 * bytes and list items within the size limit, nesting within the depth limit, integers within the prefix
 * limit's range); the buffer of a string being read never holds more than twice what has arrived (plus a
 * small start) nor more than the size limit; and each expression encodes and decodes back to itself.
 */
class BananaDecoderFuzzTest {

    private static final int MAX_CUTS = 8;

    private record Outcome(List<Object> expressions, @Nullable String error) {
    }

    @FuzzTest
    void bytesDecodeTheSameHoweverSplitWithinTheLimits(FuzzedDataProvider data) {
        int prefixLimit = data.consumeInt(1, 70);
        int sizeLimit = data.consumeInt(0, 2000);
        int maxDepth = data.consumeInt(1, 40);
        boolean vocabulary = data.consumeBoolean();
        int[] cuts = new int[data.consumeInt(0, MAX_CUTS)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 0xffff);
        }
        byte[] input = data.consumeRemainingAsBytes();

        Outcome whole = decode(List.of(input), prefixLimit, sizeLimit, maxDepth, vocabulary, input.length);
        Outcome split = decode(pieces(input, cuts), prefixLimit, sizeLimit, maxDepth, vocabulary, input.length);
        assertThat(split.error()).isEqualTo(whole.error());
        assertThat(split.expressions()).hasSameSizeAs(whole.expressions());
        for (int i = 0; i < whole.expressions().size(); i++) {
            assertThat(Sexps.same(split.expressions().get(i), whole.expressions().get(i))).isTrue();
        }

        BananaEncoder encoder = new BananaEncoder().setPrefixLimit(prefixLimit).setSizeLimit(sizeLimit)
                .setMaxDepth(maxDepth).setVocabulary(vocabulary);
        for (Object expression : whole.expressions()) {
            checkLimits(expression, prefixLimit, sizeLimit, maxDepth, 0);
            byte[] encoded = encoder.encode(expression);
            Outcome again = decode(List.of(encoded), prefixLimit, sizeLimit, maxDepth, vocabulary, encoded.length);
            assertThat(again.error()).isNull();
            assertThat(again.expressions()).hasSize(1);
            assertThat(Sexps.same(again.expressions().get(0), expression)).as(Sexps.show(expression)).isTrue();
        }
    }

    private static Outcome decode(List<byte[]> pieces, int prefixLimit, int sizeLimit, int maxDepth,
            boolean vocabulary, int total) {
        List<Object> out = new ArrayList<>();
        BananaDecoder decoder = new BananaDecoder(out::add).setPrefixLimit(prefixLimit).setSizeLimit(sizeLimit)
                .setMaxDepth(maxDepth).setVocabulary(vocabulary);
        for (byte[] piece : pieces) {
            try {
                decoder.feed(ByteBuffer.wrap(piece));
            } catch (BananaError e) {
                return new Outcome(out, e.getMessage());
            }
            assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(Math.max(sizeLimit, 8))
                    .isLessThanOrEqualTo(Math.max(256, 2 * total));
        }
        return new Outcome(out, null);
    }

    private static void checkLimits(Object expression, int prefixLimit, int sizeLimit, int maxDepth, int depth) {
        switch (expression) {
            case List<?> list -> {
                assertThat(depth).isLessThan(maxDepth);
                assertThat(list.size()).isLessThanOrEqualTo(sizeLimit);
                for (Object item : list) {
                    checkLimits(item, prefixLimit, sizeLimit, maxDepth, depth + 1);
                }
            }
            case byte[] bytes -> assertThat(bytes.length).isLessThanOrEqualTo(Math.max(sizeLimit, 13));
            case Long l -> assertThat(BigInteger.valueOf(l).abs().bitLength()).isLessThanOrEqualTo(7 * prefixLimit);
            case BigInteger big -> {
                assertThat(big.bitLength()).isGreaterThanOrEqualTo(63);
                assertThat(big.abs().bitLength()).isLessThanOrEqualTo(7 * prefixLimit);
            }
            case Double d -> { }
            default -> throw new AssertionError("unexpected type " + expression.getClass());
        }
    }

    private static List<byte[]> pieces(byte[] input, int[] cuts) {
        int[] at = new int[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            at[i] = cuts[i] % (input.length + 1);
        }
        Arrays.sort(at);
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int to : at) {
            pieces.add(Arrays.copyOfRange(input, from, to));
            from = to;
        }
        pieces.add(Arrays.copyOfRange(input, from, input.length));
        return pieces;
    }
}
