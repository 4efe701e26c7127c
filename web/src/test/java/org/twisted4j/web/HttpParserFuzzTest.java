package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.twisted4j.web.internal.FieldChecks;
import org.twisted4j.web.internal.Splits;

/**
 * Fuzzes the HTTP/1.1 request parser: request lines, header fields, fixed-length and chunked bodies, trailers,
 * pipelined requests, with limits taken from the fuzz data and kept small.
 *
 * <p>Invariants: the input parses to the same events whether it comes whole or split at fuzzed points, and
 * whether or not the reader {@linkplain HttpParser#pause() pauses} the parser at fuzzed events and resumes it
 * (while paused it reports nothing but the end of the body just read); unless paused, it consumes all the
 * input it is given, after an error too (what it left would be held). Only the statuses the parser documents
 * are reported, once, and nothing after. A head it accepts is within the request-line, header-bytes and
 * header-count limits, its names are tokens and its values free of control characters and surrounding
 * whitespace; it is framed unambiguously (RFC 9112 §6.3, §11.2): never Content-Length beside
 * Transfer-Encoding, Transfer-Encoding only in HTTP/1.1, every Content-Length value equal to the length
 * reported, exactly one Host in HTTP/1.1 and at most one in HTTP/1.0. Body bytes delivered never exceed what
 * the head announced or the body limit, and a fixed-length body ends with exactly its length.
 */
class HttpParserFuzzTest {

    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 501, 505);
    /** {@code SP} {@code SP} {@code HTTP/1.x}: what a request line holds besides its method and target. */
    private static final int REQUEST_LINE_FRAME = 10;

    @FuzzTest
    void requestsParseTheSameHoweverSplitOrPaused(FuzzedDataProvider data) {
        Limits limits = new Limits();
        limits.maxRequestLineBytes = data.consumeInt(1, 300);
        limits.maxHeaderBytes = data.consumeInt(1, 600);
        limits.maxHeaderCount = data.consumeInt(1, 24);
        limits.maxBodyBytes = data.consumeLong(0, 4_000);
        long pauseAt = data.consumeLong();
        int[] cuts = Splits.cuts(data);
        byte[] input = data.consumeRemainingAsBytes();

        Checked whole = new Checked(limits, 0);
        HttpParser parser = new HttpParser(whole, limits);
        whole.parser = parser;
        ByteBuffer all = ByteBuffer.wrap(input);
        parser.feed(all);
        assertThat(all.hasRemaining()).as("input left unconsumed").isFalse();
        assertThat(parser.failed()).isEqualTo(whole.failed);

        Checked pieces = new Checked(limits, pauseAt);
        HttpParser splitParser = new HttpParser(pieces, limits);
        pieces.parser = splitParser;
        for (ByteBuffer piece : Splits.pieces(input, cuts)) {
            splitParser.feed(piece);
            while (splitParser.paused()) {
                splitParser.resume();
                splitParser.feed(piece);
            }
            assertThat(piece.hasRemaining()).isFalse();
        }
        assertThat(pieces.recorder.events).isEqualTo(whole.recorder.events);
    }

    /**
     * Records events, checks each against the limits and the framing rules as it arrives, and pauses the parser
     * after the events whose number (modulo 64) is a bit set in {@code pauseAt}.
     */
    private static final class Checked implements HttpParser.Listener {
        final HttpParserTest.Recorder recorder = new HttpParserTest.Recorder();
        private final Limits limits;
        private final long pauseAt;
        HttpParser parser;
        private int count;
        private boolean inRequest;
        boolean failed;
        private long announced;
        private long bodySoFar;

        Checked(Limits limits, long pauseAt) {
            this.limits = limits;
            this.pauseAt = pauseAt;
        }

        @Override
        public void headReceived(RequestHead head) {
            arrived(false);
            assertThat(inRequest).isFalse();
            checkLine(head);
            FieldChecks.withinLimits(head.headers(), limits.maxHeaderCount, limits.maxHeaderBytes);
            checkFraming(head);
            inRequest = true;
            announced = head.contentLength();
            bodySoFar = 0;
            recorder.headReceived(head);
            recorder.events.add("expect-continue " + head.expectContinue());
        }

        private void checkLine(RequestHead head) {
            assertThat(FieldChecks.isToken(head.method())).as("method %s", head.method()).isTrue();
            assertThat(head.target()).isNotEmpty();
            assertThat(head.target().chars().allMatch(c -> c > 0x20 && c < 0x7f)).as("target").isTrue();
            // A line ended by a bare LF has no CR, which leaves it one byte more.
            assertThat(head.method().length() + head.target().length() + REQUEST_LINE_FRAME)
                    .isLessThanOrEqualTo(limits.maxRequestLineBytes + 1);
        }

        private void checkFraming(RequestHead head) {
            Headers headers = head.headers();
            int hosts = headers.getAll("Host").size();
            assertThat(hosts).isLessThanOrEqualTo(1).isGreaterThanOrEqualTo(head.http11() ? 1 : 0);
            List<String> lengths = headers.getAll("Content-Length");
            boolean transferEncoding = headers.contains("Transfer-Encoding");
            if (head.contentLength() < 0) {
                assertThat(head.contentLength()).isEqualTo(-1);
                assertThat(head.http11()).isTrue();
                assertThat(transferEncoding).isTrue();
                assertThat(lengths).isEmpty();
            } else {
                assertThat(transferEncoding).isFalse();
                assertThat(head.contentLength()).isLessThanOrEqualTo(limits.maxBodyBytes);
                FieldChecks.contentLengthsAre(lengths, head.contentLength());
                if (lengths.isEmpty()) {
                    assertThat(head.contentLength()).isZero();
                }
            }
            String expect = headers.get("Expect");
            assertThat(head.expectContinue()).isEqualTo(expect != null && expect.equalsIgnoreCase("100-continue"));
        }

        @Override
        public void bodyReceived(ByteBuffer piece) {
            arrived(false);
            assertThat(inRequest).isTrue();
            assertThat(piece.hasRemaining()).isTrue();
            bodySoFar += piece.remaining();
            assertThat(bodySoFar).isLessThanOrEqualTo(announced < 0 ? limits.maxBodyBytes : announced);
            recorder.bodyReceived(piece);
        }

        @Override
        public void bodyFinished() {
            arrived(true);
            assertThat(inRequest).isTrue();
            if (announced >= 0) {
                assertThat(bodySoFar).isEqualTo(announced);
            }
            inRequest = false;
            recorder.bodyFinished();
        }

        @Override
        public void parseFailed(int status, String reason) {
            arrived(false);
            assertThat(STATUSES).contains(status);
            assertThat(reason).isNotBlank();
            failed = true;
            recorder.parseFailed(status, reason);
        }

        /** Checks that an event may come now, then pauses the parser if this event is one to pause after. */
        private void arrived(boolean bodyEnd) {
            assertThat(failed).as("an event after the parse failed").isFalse();
            if (!bodyEnd) {
                assertThat(parser.paused()).as("an event while paused").isFalse();
            }
            if ((pauseAt >>> (count++ % 64) & 1) != 0) {
                parser.pause();
            }
        }
    }
}
