package org.twisted4j.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the incremental UTF-8 validator against the JDK's strict decoder (a {@code CharsetDecoder} that reports
 * malformed input). Asserted, for arbitrary octets:
 * <ul>
 *   <li>fed octet by octet, it fails exactly at the first octet after which the octets so far can no longer begin
 *       well-formed UTF-8, as the JDK decides it: octets can begin well-formed UTF-8 when, completed with at most
 *       three continuation octets (all 0x80 or all 0xBF), they decode strictly;
 *   <li>without a failure, {@code isComplete} says whether the whole input decodes strictly;
 *   <li>fed in fuzzed pieces (a character split across frames), after a {@code reset} from other octets, it answers
 *       false exactly from the piece holding the first bad octet on, and ends with the same {@code isComplete}.
 * </ul>
 */
class Utf8ValidatorFuzzTest {
    private static final byte[][] COMPLETIONS = {{}, {(byte) 0x80}, {(byte) 0x80, (byte) 0x80},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xbf}, {(byte) 0xbf, (byte) 0xbf},
        {(byte) 0xbf, (byte) 0xbf, (byte) 0xbf}};

    @FuzzTest
    void agreesWithTheJdkDecoderHoweverSplit(FuzzedDataProvider data) {
        Splits splits = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        Utf8Validator byOctet = new Utf8Validator();
        int firstBad = -1;
        for (int i = 0; i < input.length; i++) {
            boolean good = byOctet.feed(input, i, 1);
            if (!good && firstBad < 0) {
                firstBad = i;
            }
            assertThat(good).isEqualTo(firstBad < 0);
        }
        if (firstBad >= 0) {
            assertThat(canBegin(input, firstBad)).as("octets before the first bad one can begin UTF-8").isTrue();
            assertThat(canBegin(input, firstBad + 1)).as("octets up to the first bad one cannot").isFalse();
            assertThat(byOctet.isComplete()).isFalse();
        } else {
            assertThat(canBegin(input, input.length)).isTrue();
            assertThat(byOctet.isComplete()).isEqualTo(decodesStrictly(input));
        }

        Utf8Validator pieces = new Utf8Validator();
        byte[] other = input.clone();
        Arrays.fill(other, 0, Math.min(1, other.length), (byte) 0xff);
        pieces.feed(other, 0, other.length);
        pieces.reset();
        for (ByteBuffer piece : splits.of(input)) {
            int end = piece.position() + piece.remaining();
            assertThat(pieces.feed(input, piece.position(), piece.remaining())).isEqualTo(firstBad < 0 || firstBad >= end);
        }
        assertThat(pieces.isComplete()).isEqualTo(byOctet.isComplete());
    }

    /** Returns whether the first {@code length} octets of {@code input} can begin well-formed UTF-8. */
    private static boolean canBegin(byte[] input, int length) {
        for (byte[] completion : COMPLETIONS) {
            byte[] completed = Arrays.copyOf(input, length + completion.length);
            System.arraycopy(completion, 0, completed, length, completion.length);
            if (decodesStrictly(completed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean decodesStrictly(byte[] octets) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
