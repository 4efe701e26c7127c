package org.twisted4j.mail.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzzes the IMAP response parser (the client's codec), with limits from the fuzz data kept small.
 *
 * <p>Invariants: the input gives the same responses and errors whole or split at fuzzed points; only
 * {@link ImapSyntaxException} is reported (nothing is thrown); what the parser holds never exceeds the response
 * limit plus one line, whatever sizes the input claims; every FETCH response reads into an {@link ImapFetched}
 * whose typed accessors do not throw.
 */
class ImapResponseParserFuzzTest {

    @FuzzTest
    void responsesParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(16, 400);
        int maxLiteral = data.consumeInt(0, 2000);
        int maxResponse = data.consumeInt(0, 5000);
        int cuts = data.consumeInt(0, 8);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 4096);
        }
        byte[] input = data.consumeRemainingAsBytes();
        long bound = maxResponse + 2L * maxLine + maxLiteral + 2;

        ImapResponseParserTest.Recorder whole = new ImapResponseParserTest.Recorder();
        parser(whole, maxLine, maxLiteral, maxResponse).feed(ByteBuffer.wrap(input));

        ImapResponseParserTest.Recorder pieces = new ImapResponseParserTest.Recorder();
        ImapResponseParser split = parser(pieces, maxLine, maxLiteral, maxResponse);
        Pieces.feed(input, at, split::feed, split::held, bound);
        assertThat(pieces.events).isEqualTo(whole.events);

        for (Object event : whole.events) {
            if (event instanceof ImapResponse r && "FETCH".equals(r.dataName()) && r.data().size() > 2
                    && r.data().get(2) instanceof ImapArg.Paren items) {
                ImapFetched f = IMAP4Client.fetched(r.number(), items);
                f.flags();
                f.uid();
                f.size();
                f.modseq();
                f.internalDate();
                f.envelope();
                f.bodyStructure();
            }
        }
    }

    private static ImapResponseParser parser(ImapResponseParserTest.Recorder recorder, int maxLine, int maxLiteral,
            int maxResponse) {
        ImapResponseParser parser = new ImapResponseParser(recorder);
        parser.setMaxLineLength(maxLine);
        parser.setMaxLiteralSize(maxLiteral);
        parser.setMaxResponseSize(maxResponse);
        return parser;
    }
}
