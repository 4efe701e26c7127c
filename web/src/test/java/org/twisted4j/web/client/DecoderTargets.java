package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.twisted4j.web.internal.Splits;

/** What the content decoders' fuzz targets share: reading their settings and checking two runs of a body. */
final class DecoderTargets {

    /** The most times the fuzz data's bytes are repeated before they are compressed. */
    private static final int MAX_REPEATS = 512;

    private DecoderTargets() {
    }

    /**
     * Reads a limit, a repeat count (0 to give the bytes as they are) and cuts, then decodes the body whole and
     * cut, and checks the two outcomes against each other and, for data it compressed, against the data.
     */
    static void check(FuzzedDataProvider data, Supplier<ContentDecoder> decoder, UnaryOperator<byte[]> compress) {
        long limit = data.consumeLong(0, 200_000);
        int repeats = data.consumeInt(0, MAX_REPEATS);
        int[] cuts = Splits.cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        byte[] plain = repeated(input, repeats);
        byte[] body = repeats == 0 ? input : compress.apply(plain);

        DecodingRun whole = DecodingRun.decode(decoder, limit, List.of(ByteBuffer.wrap(body)));
        DecodingRun split = DecodingRun.decode(decoder, limit, Splits.pieces(body, cuts));
        assertThat(split.failure() == null).isEqualTo(whole.failure() == null);
        if (whole.failure() != null && split.failure().getClass() != whole.failure().getClass()) {
            // Data both broken and too large fails with whichever shows first, and that depends on the split.
            assertThat(List.of(whole.failure(), split.failure())).hasAtLeastOneElementOfType(DecodedBodyTooLarge.class);
        }
        if (whole.failure() == null) {
            assertThat(split.bytes()).isEqualTo(whole.bytes());
        } else {
            assertPrefix(split.bytes(), whole.bytes());
        }
        if (repeats > 0) {
            if (plain.length <= limit) {
                assertThat(whole.failure()).isNull();
                assertThat(whole.bytes()).isEqualTo(plain);
            } else {
                assertThat(whole.failure()).isInstanceOf(DecodedBodyTooLarge.class);
                assertPrefix(whole.bytes(), plain);
            }
        }
    }

    private static byte[] repeated(byte[] input, int times) {
        byte[] out = new byte[input.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(input, 0, out, i * input.length, input.length);
        }
        return out;
    }

    /** Checks that the shorter of the two is a prefix of the longer. */
    private static void assertPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        assertThat(Arrays.equals(a, 0, n, b, 0, n)).as("one decoded output is a prefix of the other").isTrue();
    }
}
