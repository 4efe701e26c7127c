package org.twisted4j.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the command and reply parsers of the FTP codec.
 *
 * <p>Invariants: an MLSD line parses to an entry that writes back as the same entry, or fails with 501 only.
 * A command line parses to a command whose encoding parses back to it, or fails with 500 or 501
 * only. Replies parse to the same list whether the bytes come whole or split at fuzzed points; the parser holds
 * no more than its limits allow; every parsed reply encodes to bytes that parse back to it.
 */
class FtpCodecFuzzTest {

    @FuzzTest
    void commandsParseOrFailWith500Or501(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(1, 600);
        byte[] line = data.consumeRemainingAsBytes();
        try {
            FtpCommand command = FtpCommand.parse(line, maxLength);
            assertThat(command.verb().length()).isBetween(1, FtpCommand.MAX_VERB_LENGTH);
            assertThat(FtpCommand.parse(command.encode(), Integer.MAX_VALUE)).isEqualTo(command);
        } catch (FtpSyntaxException e) {
            assertThat(e.replyCode()).isIn(500, 501);
        }
    }

    @FuzzTest
    void repliesParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(3, 200);
        int maxLines = data.consumeInt(1, 20);
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] input = data.consumeRemainingAsBytes();
        Outcome whole = run(List.of(input), maxLine, maxLines);
        List<byte[]> pieces = new ArrayList<>();
        int[] sorted = Arrays.stream(cuts).map(c -> Math.min(c, input.length)).sorted().toArray();
        int from = 0;
        for (int cut : sorted) {
            pieces.add(Arrays.copyOfRange(input, from, cut));
            from = cut;
        }
        pieces.add(Arrays.copyOfRange(input, from, input.length));
        Outcome split = run(pieces, maxLine, maxLines);
        assertThat(split.replies).isEqualTo(whole.replies);
        assertThat(split.failed).isEqualTo(whole.failed);
        for (FtpReply reply : whole.replies) {
            try {
                assertThat(new FtpReplyParser().feed(ByteBuffer.wrap(reply.encode()))).containsExactly(reply);
            } catch (FtpSyntaxException e) {
                throw new AssertionError("encoded reply did not parse back: " + reply, e);
            }
        }
    }

    @FuzzTest
    void mlsdLinesParseOrFailWith501AndWriteBack(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        try {
            MlsdEntry entry = MlsdEntry.parse(line);
            assertThat(MlsdEntry.parse(entry.encode())).isEqualTo(entry);
        } catch (FtpSyntaxException e) {
            assertThat(e.replyCode()).isEqualTo(501);
        }
    }

    private record Outcome(List<FtpReply> replies, boolean failed) {
    }

    private static Outcome run(List<byte[]> pieces, int maxLine, int maxLines) {
        FtpReplyParser parser = new FtpReplyParser();
        parser.setMaxLineLength(maxLine);
        parser.setMaxLines(maxLines);
        List<FtpReply> replies = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer buffer = ByteBuffer.wrap(piece);
            try {
                replies.addAll(parser.feed(buffer));
                if (parser.isBroken()) {
                    return new Outcome(replies, true);
                }
            } catch (FtpSyntaxException e) {
                assertThat(e.replyCode()).isEqualTo(500);
                return new Outcome(replies, true);
            } finally {
                assertThat(buffer.hasRemaining()).isFalse();
                // a line and a reply's lines, each at most maxLine characters (as UTF-16 units <= bytes)
                assertThat(parser.buffered()).isLessThanOrEqualTo((maxLine + 2) * (maxLines + 1));
            }
        }
        return new Outcome(replies, false);
    }
}
