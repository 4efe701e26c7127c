package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Fuzzes the HTTP/1.1 request parser: heads, fixed-length and chunked bodies, trailers, pipelining. Whatever
 * the bytes, it reports only the statuses it documents, holds no more of a head than the limits allow, never
 * delivers more body than the head announced or the body limit allows, and parses the same however the
 * input is split.
 */
class HttpParserFuzzTest {

    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 501, 505);

    @FuzzTest
    void requestsParseTheSameHoweverSplit(FuzzedDataProvider data) {
        Limits limits = new Limits();
        limits.maxRequestLineBytes = data.consumeInt(1, 200);
        limits.maxHeaderBytes = data.consumeInt(1, 400);
        limits.maxHeaderCount = data.consumeInt(1, 20);
        limits.maxBodyBytes = data.consumeLong(0, 2_000);
        int split = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();

        Checked whole = new Checked(limits);
        HttpParser parser = new HttpParser(whole, limits);
        parser.feed(ByteBuffer.wrap(input));

        Checked pieces = new Checked(limits);
        HttpParser splitParser = new HttpParser(pieces, limits);
        for (int at = 0; at < input.length; at += split) {
            splitParser.feed(ByteBuffer.wrap(input, at, Math.min(split, input.length - at)));
        }
        assertThat(pieces.recorder.events).isEqualTo(whole.recorder.events);
    }

    /** Records events and checks each against the limits as it arrives. */
    private static final class Checked implements HttpParser.Listener {
        final HttpParserTest.Recorder recorder = new HttpParserTest.Recorder();
        private final Limits limits;
        private long announced;
        private long bodySoFar;

        Checked(Limits limits) {
            this.limits = limits;
        }

        @Override
        public void headReceived(RequestHead head) {
            assertThat(head.method().length() + head.target().length()).isLessThanOrEqualTo(limits.maxRequestLineBytes);
            assertThat(head.headers().size()).isLessThanOrEqualTo(limits.maxHeaderCount);
            assertThat(head.contentLength()).isLessThanOrEqualTo(limits.maxBodyBytes);
            announced = head.contentLength();
            bodySoFar = 0;
            recorder.headReceived(head);
        }

        @Override
        public void bodyReceived(ByteBuffer piece) {
            bodySoFar += piece.remaining();
            assertThat(bodySoFar).isLessThanOrEqualTo(announced < 0 ? limits.maxBodyBytes : announced);
            recorder.bodyReceived(piece);
        }

        @Override
        public void bodyFinished() {
            if (announced >= 0) {
                assertThat(bodySoFar).isEqualTo(announced);
            }
            recorder.bodyFinished();
        }

        @Override
        public void parseFailed(int status, String reason) {
            assertThat(STATUSES).contains(status);
            assertThat(reason).isNotBlank();
            recorder.parseFailed(status, reason);
        }
    }
}
