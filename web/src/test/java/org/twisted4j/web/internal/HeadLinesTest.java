package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HeadLinesTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    private static String line(HeadLines lines) {
        return new String(lines.bytes(), 0, lines.length(), ISO_8859_1);
    }

    private static HeadLines.Field check(String fieldLine) {
        HeadLines lines = new HeadLines();
        lines.startFields();
        assertThat(lines.read(bytes(fieldLine + "\r\n"), 1000)).isEqualTo(HeadLines.Read.LINE);
        return lines.checkField(10);
    }

    @Test
    void lineSplitAtEveryByteReadsTheSameWithoutItsCrLf() {
        byte[] input = "Content-Type: text/plain\r\nnext".getBytes(ISO_8859_1);
        for (int split = 0; split <= input.length; split++) {
            HeadLines lines = new HeadLines();
            ByteBuffer first = ByteBuffer.wrap(input, 0, split);
            HeadLines.Read read = lines.read(first, 1000);
            if (read == HeadLines.Read.MORE) {
                read = lines.read(ByteBuffer.wrap(input, split, input.length - split), 1000);
            }
            assertThat(read).as("split at %d", split).isEqualTo(HeadLines.Read.LINE);
            assertThat(line(lines)).isEqualTo("Content-Type: text/plain");
        }
    }

    @Test
    void lineLongerThanTheLimitIsTooLongAndConsumesTheByteBeyondIt() {
        HeadLines lines = new HeadLines();
        ByteBuffer data = bytes("abcdef\r\n");
        assertThat(lines.read(data, 4)).isEqualTo(HeadLines.Read.TOO_LONG);
        assertThat(data.position()).isEqualTo(5);
    }

    @Test
    void lineLongerThanTheFirstBufferGrows() {
        String longLine = "X-Long: " + "v".repeat(1000);
        HeadLines lines = new HeadLines();
        assertThat(lines.read(bytes(longLine + "\n"), 2000)).isEqualTo(HeadLines.Read.LINE);
        assertThat(line(lines)).isEqualTo(longLine);
    }

    @Test
    void clearStartsTheNextLine() {
        HeadLines lines = new HeadLines();
        ByteBuffer data = bytes("one\r\ntwo\r\n");
        lines.read(data, 100);
        lines.clear();
        assertThat(lines.read(data, 100)).isEqualTo(HeadLines.Read.LINE);
        assertThat(line(lines)).isEqualTo("two");
    }

    @Test
    void wellFormedFieldGivesNameAndValueWithoutSurroundingWhitespace() {
        HeadLines lines = new HeadLines();
        lines.read(bytes("Accept:\t text/html, */* \t\r\n"), 1000);
        assertThat(lines.checkField(10)).isEqualTo(HeadLines.Field.OK);
        assertThat(lines.name()).isEqualTo("Accept");
        assertThat(lines.value()).isEqualTo("text/html, */*");
    }

    @Test
    void malformedFieldLinesAreNamedByTheirFirstProblem() {
        assertThat(check(" folded")).isEqualTo(HeadLines.Field.FOLDED);
        assertThat(check("no colon")).isEqualTo(HeadLines.Field.MALFORMED);
        assertThat(check(": empty name")).isEqualTo(HeadLines.Field.MALFORMED);
        assertThat(check("X : space before colon")).isEqualTo(HeadLines.Field.BAD_NAME);
        assertThat(check("X: a\u0000b")).isEqualTo(HeadLines.Field.CONTROL_IN_VALUE);
        assertThat(check("X: a\u007fb")).isEqualTo(HeadLines.Field.CONTROL_IN_VALUE);
        assertThat(check("X: tab\tinside")).isEqualTo(HeadLines.Field.OK);
        assertThat(check("X\u0001: a\u0001")).isEqualTo(HeadLines.Field.BAD_NAME);
    }

    @Test
    void fieldCountAndBytesAreCountedPerBlock() {
        HeadLines lines = new HeadLines();
        lines.startFields();
        ByteBuffer data = bytes("A: 1\r\nB: 2\r\nC: 3\r\n");
        for (int i = 0; i < 2; i++) {
            lines.read(data, lines.fieldLimit(1000));
            assertThat(lines.checkField(2)).isEqualTo(HeadLines.Field.OK);
            lines.clear();
        }
        assertThat(lines.fieldLimit(1000)).isEqualTo(1000 - 12 + 1);
        lines.read(data, lines.fieldLimit(1000));
        assertThat(lines.checkField(2)).isEqualTo(HeadLines.Field.TOO_MANY);

        lines.startFields();
        assertThat(lines.fieldLimit(1000)).isEqualTo(1001);
        assertThat(lines.checkField(2)).isEqualTo(HeadLines.Field.OK);
    }

    @Test
    void tokenAndControlCharactersFollowRfc9110() {
        assertThat(HeadLines.isTokenChar('a')).isTrue();
        assertThat(HeadLines.isTokenChar('~')).isTrue();
        assertThat(HeadLines.isTokenChar(' ')).isFalse();
        assertThat(HeadLines.isTokenChar(':')).isFalse();
        assertThat(HeadLines.isTokenChar((byte) 0xe9)).isFalse();
        assertThat(HeadLines.isControl((byte) '\t')).isFalse();
        assertThat(HeadLines.isControl((byte) '\r')).isTrue();
        assertThat(HeadLines.isControl((byte) 0x7f)).isTrue();
        assertThat(HeadLines.isControl((byte) 0xe9)).isFalse();
    }
}
