package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the IRC line parser. Invariants: only {@link IrcParseException} escapes; a parsed message keeps the
 * limits (at most 15 parameters, no CR/LF/NUL in them, a non-empty command); writing the message and parsing it
 * again gives the same message (when the written line still fits the limits: a line decoded as ISO-8859-1 grows
 * when written as UTF-8); and the text helpers that read user text (formatting, CTCP, split) never fail on it.
 */
class IrcMessageFuzzTest {

    @FuzzTest
    void linesParseAndRoundTrip(FuzzedDataProvider data) {
        int max = data.consumeInt(4, 600);
        byte[] line = data.consumeRemainingAsBytes();
        IrcMessage m;
        try {
            m = IrcMessage.parse(line);
        } catch (IrcParseException e) {
            assertThat(e.getMessage()).isNotEmpty();
            return;
        }
        assertThat(m.params().size()).isLessThanOrEqualTo(IrcMessage.MAX_PARAMS);
        assertThat(m.command()).isNotEmpty();
        for (String p : m.params()) {
            assertThat(p).doesNotContain("\r", "\n", "\0");
        }
        String written = m.toLine();
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(IrcMessage.parse(bytes)).isEqualTo(m);
        } catch (IrcParseException e) {
            assertThat(e.isTooLong()).as("rewritten line refused: %s", e.getMessage()).isTrue();
            assertThat(isUtf8(line)).as("only a line read as ISO-8859-1 may grow when written back").isFalse();
        }
        for (String p : m.params()) {
            IrcText.stripFormatting(p);
            Ctcp.extract(p);
            StringBuilder joined = new StringBuilder();
            for (String piece : IrcText.split(p, max)) {
                assertThat(IrcText.utf8Length(piece)).isLessThanOrEqualTo(max);
                joined.append(piece);
            }
            assertThat(joined.length()).isLessThanOrEqualTo(p.length());
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
