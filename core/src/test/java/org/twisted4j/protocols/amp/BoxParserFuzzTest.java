package org.twisted4j.protocols.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link BoxParser} with arbitrary bytes under a box size limit from the fuzz data. Asserted:
 * <ul>
 *   <li>only {@link TooLong} escapes, and after it every feed throws it again;
 *   <li>the bytes it holds never exceed the limit, whatever lengths the input announces;
 *   <li>it parses the same (boxes and error) whatever pieces the bytes arrive in;
 *   <li>the boxes parsed, serialized again, parse back equal.
 * </ul>
 */
class BoxParserFuzzTest {

    @FuzzTest
    void boxesParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int maxBoxSize = data.consumeInt(2, 1 << 17);
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 1 << 16);
        }
        byte[] input = data.consumeRemainingAsBytes();

        Parse whole = new Parse(maxBoxSize);
        whole.feed(input, 0, input.length);
        Parse pieces = new Parse(maxBoxSize);
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(input.length, at + cut);
            pieces.feed(input, at, end - at);
            at = end;
        }
        pieces.feed(input, at, input.length - at);
        assertThat(pieces.boxes).isEqualTo(whole.boxes);
        assertThat(pieces.error).isEqualTo(whole.error);

        Parse back = new Parse(maxBoxSize);
        for (AmpBox box : whole.boxes) {
            byte[] wire = box.serialize();
            back.feed(wire, 0, wire.length);
        }
        assertThat(back.error).isNull();
        assertThat(back.boxes).isEqualTo(whole.boxes);
    }

    /** One parser, what it delivered, and how it failed ("KEY 300" and the like), checked as it goes. */
    private static final class Parse {
        final List<AmpBox> boxes = new ArrayList<>();
        String error;
        private final BoxParser parser = new BoxParser(boxes::add);
        private final int maxBoxSize;

        Parse(int maxBoxSize) {
            this.maxBoxSize = maxBoxSize;
            parser.setMaxBoxSize(maxBoxSize);
        }

        void feed(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            try {
                parser.feed(ByteBuffer.wrap(bytes, offset, length));
                assertThat(error).as("a spent parser parses no more").isNull();
            } catch (TooLong e) {
                assertThat(e.isLocal()).isFalse();
                String what = e.what() + " " + e.length();
                if (error == null) {
                    error = what;
                } else {
                    assertThat(what).isEqualTo(error);
                }
            } catch (RuntimeException e) {
                fail("only TooLong may escape the parser", e);
            }
            assertThat(parser.bufferedBytes()).isBetween(0L, (long) maxBoxSize);
        }
    }
}
