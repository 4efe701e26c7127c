package org.twisted4j.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzzes the HTTP/1.1 client's response parser: status lines, interim responses, header fields, bodies framed
 * by Content-Length, chunked coding (with trailers) or the connection's end, after GET or HEAD, with limits
 * taken from the fuzz data and kept small.
 *
 * <p>Invariants: the input parses to the same events whether it comes whole or split at fuzzed points. The
 * parser reports through its listener only (no exception escapes), at most one head, then body pieces, then
 * exactly one end or one failure, and nothing after; when the connection closes, a response not yet complete
 * fails. A head reported is final (200 to 599), its reason phrase free of control characters, its fields
 * within the count and bytes limits, names tokens and values free of control characters and surrounding
 * whitespace; its framing follows RFC 9112 §6.3 (none after HEAD, for 204 and 304; chunked only without
 * Content-Length; every Content-Length value equal to the length reported). Body bytes never exceed the
 * length announced, a body of known length ends with exactly that length, and a body read until the close ends
 * only with the close.
 */
class ResponseParserFuzzTest {

    @FuzzTest
    void responsesParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int maxStatusLine = data.consumeInt(1, 300);
        int maxHeaderBytes = data.consumeInt(1, 600);
        int maxHeaderCount = data.consumeInt(1, 24);
        boolean headRequest = data.consumeBoolean();
        boolean close = data.consumeBoolean();
        int[] cuts = Splits.cuts(data);
        byte[] input = data.consumeRemainingAsBytes();

        Checked whole = new Checked(maxHeaderBytes, maxHeaderCount, headRequest);
        ResponseParser parser = whole.parser(maxStatusLine);
        parser.feed(ByteBuffer.wrap(input));
        Checked pieces = new Checked(maxHeaderBytes, maxHeaderCount, headRequest);
        ResponseParser splitParser = pieces.parser(maxStatusLine);
        for (ByteBuffer piece : Splits.pieces(input, cuts)) {
            splitParser.feed(piece);
            assertThat(piece.hasRemaining()).isFalse();
        }
        if (close) {
            whole.closed = true;
            pieces.closed = true;
            parser.connectionClosed();
            splitParser.connectionClosed();
            assertThat(whole.finished || whole.failed).as("a response ended or failed at the close").isTrue();
        }
        assertThat(pieces.recorder.events).isEqualTo(whole.recorder.events);
        assertThat(parser.isDone()).isEqualTo(whole.finished);
        assertThat(splitParser.sawInputAfterResponse()).isEqualTo(parser.sawInputAfterResponse());
        if (parser.sawInputAfterResponse()) {
            assertThat(parser.isDone()).isTrue();
        }
    }

    /** Records events and checks each against the limits and the framing rules as it arrives. */
    private static final class Checked implements ResponseParser.Listener {
        final ResponseParserTest.Recorder recorder = new ResponseParserTest.Recorder();
        private final int maxHeaderBytes;
        private final int maxHeaderCount;
        private final boolean headRequest;
        private long announced = -3;
        private long bodySoFar;
        boolean closed;
        boolean finished;
        boolean failed;

        Checked(int maxHeaderBytes, int maxHeaderCount, boolean headRequest) {
            this.maxHeaderBytes = maxHeaderBytes;
            this.maxHeaderCount = maxHeaderCount;
            this.headRequest = headRequest;
        }

        ResponseParser parser(int maxStatusLine) {
            ResponseParser parser = new ResponseParser(this, headRequest);
            parser.setMaxStatusLineBytes(maxStatusLine);
            parser.setMaxHeaderBytes(maxHeaderBytes);
            parser.setMaxHeaderCount(maxHeaderCount);
            return parser;
        }

        @Override
        public void headReceived(ResponseHead head) {
            notOver();
            assertThat(announced).as("a second head").isEqualTo(-3);
            assertThat(head.code()).isBetween(200, 599);
            assertThat(head.reason().chars().noneMatch(c -> HeadLines.isControl((byte) c))).isTrue();
            FieldChecks.withinLimits(head.headers(), maxHeaderCount, maxHeaderBytes);
            checkFraming(head);
            announced = head.bodyLength();
            recorder.headReceived(head);
        }

        private void checkFraming(ResponseHead head) {
            List<String> lengths = head.headers().getAll("Content-Length");
            boolean transferEncoding = head.headers().contains("Transfer-Encoding");
            long length = head.bodyLength();
            if (headRequest || head.code() == 204 || head.code() == 304) {
                assertThat(length).isZero();
            } else if (length == ResponseHead.CHUNKED) {
                assertThat(transferEncoding).isTrue();
                assertThat(lengths).isEmpty();
            } else if (length == ResponseHead.UNTIL_CLOSE) {
                assertThat(transferEncoding).isFalse();
                assertThat(lengths).isEmpty();
                assertThat(head.keepAlive()).isFalse();
            } else {
                assertThat(length).isNotNegative();
                assertThat(transferEncoding).isFalse();
                assertThat(lengths).isNotEmpty();
                FieldChecks.contentLengthsAre(lengths, length);
            }
        }

        @Override
        public void bodyReceived(ByteBuffer piece) {
            notOver();
            assertThat(announced).as("a body before the head").isNotEqualTo(-3);
            assertThat(piece.hasRemaining()).isTrue();
            bodySoFar += piece.remaining();
            if (announced >= 0) {
                assertThat(bodySoFar).isLessThanOrEqualTo(announced);
            }
            recorder.bodyReceived(piece);
        }

        @Override
        public void bodyFinished() {
            notOver();
            assertThat(announced).as("an end before the head").isNotEqualTo(-3);
            if (announced >= 0) {
                assertThat(bodySoFar).isEqualTo(announced);
            }
            if (announced == ResponseHead.UNTIL_CLOSE) {
                assertThat(closed).as("a body read until the close ended before it").isTrue();
            }
            finished = true;
            recorder.bodyFinished();
        }

        @Override
        public void parseFailed(String reason) {
            notOver();
            assertThat(reason).isNotBlank();
            failed = true;
            recorder.parseFailed(reason);
        }

        private void notOver() {
            assertThat(finished || failed).as("an event after the end").isFalse();
        }
    }
}
