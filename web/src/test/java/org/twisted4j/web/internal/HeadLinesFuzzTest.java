package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the head-line reader on its own, used as the parsers use it: blocks of field lines, each block
 * ended by an empty line, read with the limit {@link HeadLines#fieldLimit} gives (or a fixed one, as for
 * request and chunk lines), every non-empty line checked as a field.
 *
 * <p>Invariants: the lines and their verdicts are the same whether the input comes whole or split at fuzzed
 * points. The buffer never grows past the limit, whatever the input's length. A line is what lay before its
 * LF, less one CR. Each verdict of {@link HeadLines#checkField} is justified by the line: a field found
 * {@code OK} is a token name, a colon, and a value free of control characters, surrounded by optional
 * whitespace; a block's fields before its first bad one (where a parser stops) stay within the bytes limit (a
 * byte over for a line ended by a bare LF) and the count limit.
 */
class HeadLinesFuzzTest {

    /** The buffer's first size, whatever the limit. */
    private static final int INITIAL_BUFFER = 256;

    @FuzzTest
    void linesReadTheSameHoweverSplit(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 400);
        int maxFieldCount = data.consumeInt(1, 24);
        boolean fields = data.consumeBoolean();
        int[] cuts = Splits.cuts(data);
        byte[] input = data.consumeRemainingAsBytes();

        Reader whole = new Reader(limit, maxFieldCount, fields);
        ByteBuffer all = ByteBuffer.wrap(input);
        whole.read(all);
        assertThat(all.hasRemaining()).isFalse();

        Reader pieces = new Reader(limit, maxFieldCount, fields);
        for (ByteBuffer piece : Splits.pieces(input, cuts)) {
            pieces.read(piece);
        }
        assertThat(pieces.events).isEqualTo(whole.events);
    }

    /** Reads lines as a parser does, checking each, and records what it found. */
    private static final class Reader {
        final List<String> events = new ArrayList<>();
        private final HeadLines lines = new HeadLines();
        private final int limit;
        private final int maxFieldCount;
        private final boolean fields;
        private boolean partial;
        private boolean blockGood = true;
        private int blockBytes;
        private int blockFields;

        Reader(int limit, int maxFieldCount, boolean fields) {
            this.limit = limit;
            this.maxFieldCount = maxFieldCount;
            this.fields = fields;
            lines.startFields();
        }

        void read(ByteBuffer data) {
            while (data.hasRemaining()) {
                int lineLimit = fields ? lines.fieldLimit(limit) : limit;
                int start = data.position();
                HeadLines.Read read = lines.read(data, lineLimit);
                // The first line of a block has the largest limit, {@code limit + 1} when reading fields.
                assertThat(lines.bytes().length).isLessThanOrEqualTo(Math.max(INITIAL_BUFFER, limit + 2));
                switch (read) {
                    case MORE -> {
                        assertThat(data.hasRemaining()).isFalse();
                        partial = true;
                    }
                    case TOO_LONG -> {
                        assertThat(lines.length()).isEqualTo(lineLimit);
                        events.add("too long");
                        blockGood = false;
                        lines.clear();
                        partial = false;
                    }
                    case LINE -> {
                        String line = new String(lines.bytes(), 0, lines.length(), ISO_8859_1);
                        assertThat(lines.length()).isLessThanOrEqualTo(lineLimit);
                        if (!partial) {
                            byte[] consumed = new byte[data.position() - start];
                            data.get(start, consumed);
                            String text = new String(consumed, ISO_8859_1);
                            assertThat(text).endsWith("\n");
                            assertThat(line).isEqualTo(text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)));
                        }
                        partial = false;
                        events.add("line " + line);
                        if (line.isEmpty()) {
                            endBlock();
                        } else {
                            checkField(line);
                        }
                        lines.clear();
                    }
                }
            }
        }

        private void endBlock() {
            lines.startFields();
            blockGood = true;
            blockBytes = 0;
            blockFields = 0;
        }

        private void checkField(String line) {
            HeadLines.Field field = lines.checkField(maxFieldCount);
            events.add(field.name());
            blockBytes += line.length() + 2;
            blockFields++;
            // A parser stops at the first bad line; the limits bound the good lines before it.
            blockGood &= field == HeadLines.Field.OK;
            if (fields && blockGood) {
                assertThat(blockBytes).isLessThanOrEqualTo(limit + 3);
            }
            int colon = line.indexOf(':');
            switch (field) {
                case OK -> {
                    assertThat(blockFields).isLessThanOrEqualTo(maxFieldCount);
                    String name = lines.name();
                    String value = lines.value();
                    assertThat(name).isEqualTo(line.substring(0, colon));
                    assertThat(FieldChecks.isToken(name)).as("token name").isTrue();
                    assertThat(FieldChecks.stripSpaceAndTab(line.substring(colon + 1))).isEqualTo(value);
                    assertThat(value.chars().noneMatch(c -> HeadLines.isControl((byte) c))).as("value").isTrue();
                    events.add(name + "=" + value);
                }
                case TOO_MANY -> assertThat(blockFields).isGreaterThan(maxFieldCount);
                case FOLDED -> assertThat(line.charAt(0)).isIn(' ', '\t');
                case MALFORMED -> assertThat(colon).isLessThanOrEqualTo(0);
                case BAD_NAME -> assertThat(line.substring(0, colon).chars().allMatch(HeadLines::isTokenChar)).isFalse();
                case CONTROL_IN_VALUE -> assertThat(line.substring(colon + 1).chars()
                        .anyMatch(c -> HeadLines.isControl((byte) c))).isTrue();
            }
        }
    }
}
