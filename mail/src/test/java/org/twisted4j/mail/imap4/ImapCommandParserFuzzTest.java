package org.twisted4j.mail.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzzes the IMAP command parser, with limits from the fuzz data kept small.
 *
 * <p>Invariants: the input gives the same events whole or split at fuzzed points; only
 * {@link ImapSyntaxException} is reported as an error (nothing is thrown); what the parser holds never exceeds
 * the line limit plus the literal allowance, whatever sizes the input claims; every command it reports writes
 * back ({@link ImapCommand#encode}) to octets that parse to the same command.
 */
class ImapCommandParserFuzzTest {

    @FuzzTest
    void commandsParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(64, 400);
        int maxLiteral = data.consumeInt(0, 2000);
        int maxDepth = data.consumeInt(1, 20);
        int cuts = data.consumeInt(0, 8);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 4096);
        }
        byte[] input = data.consumeRemainingAsBytes();
        long bound = (long) maxLine * 10L + maxLiteral * 2L + 64;

        ImapCommandParserTest.Recorder whole = new ImapCommandParserTest.Recorder();
        ImapCommandParser parser = parser(whole, maxLine, maxLiteral, maxDepth);
        parser.feed(ByteBuffer.wrap(input));

        ImapCommandParserTest.Recorder pieces = new ImapCommandParserTest.Recorder();
        ImapCommandParser split = parser(pieces, maxLine, maxLiteral, maxDepth);
        Pieces.feed(input, at, split::feed, split::held, bound);
        assertThat(pieces.events).isEqualTo(whole.events);

        for (ImapCommand command : whole.commands) {
            ImapCommandParserTest.Recorder again = new ImapCommandParserTest.Recorder();
            parser(again, Integer.MAX_VALUE, Integer.MAX_VALUE, 1000).feed(ByteBuffer.wrap(command.encode()));
            assertThat(again.commands).containsExactly(command);
        }
    }

    private static ImapCommandParser parser(ImapCommandParserTest.Recorder recorder, int maxLine, int maxLiteral,
            int maxDepth) {
        ImapCommandParser parser = new ImapCommandParser(recorder);
        parser.setMaxLineLength(maxLine);
        parser.setMaxLiteralSize(maxLiteral);
        parser.setMaxDepth(maxDepth);
        return parser;
    }
}
