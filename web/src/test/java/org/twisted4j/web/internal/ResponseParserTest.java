package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    /** Records what the parser reports, with consecutive body pieces joined. */
    static class Recorder implements ResponseParser.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void headReceived(ResponseHead head) {
            events.add("head " + (head.http11() ? "1.1 " : "1.0 ") + head.code() + " [" + head.reason() + "] length="
                    + head.bodyLength() + " " + head.headers().toString().replace("\r\n", "|"));
        }

        @Override
        public void bodyReceived(ByteBuffer piece) {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            String text = new String(bytes, ISO_8859_1);
            int last = events.size() - 1;
            if (last >= 0 && events.get(last).startsWith("body ")) {
                events.set(last, events.get(last) + text);
            } else {
                events.add("body " + text);
            }
        }

        @Override
        public void bodyFinished() {
            events.add("end");
        }

        @Override
        public void parseFailed(String reason) {
            events.add("failed: " + reason);
        }
    }

    private static List<String> parse(String input, boolean head, boolean close, int... splits) {
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder, head);
        byte[] bytes = input.getBytes(ISO_8859_1);
        int from = 0;
        for (int at : splits) {
            parser.feed(ByteBuffer.wrap(bytes, from, at - from));
            from = at;
        }
        parser.feed(ByteBuffer.wrap(bytes, from, bytes.length - from));
        if (close) {
            parser.connectionClosed();
        }
        return recorder.events;
    }

    /** Parses whole, then split in two at every point, then byte by byte, and checks all agree. */
    private static List<String> parseEverySplit(String input, boolean head, boolean close) {
        List<String> whole = parse(input, head, close);
        for (int at = 1; at < input.length(); at++) {
            assertThat(parse(input, head, close, at)).as("split at %d", at).isEqualTo(whole);
        }
        int[] each = new int[Math.max(0, input.length() - 1)];
        for (int i = 0; i < each.length; i++) {
            each[i] = i + 1;
        }
        assertThat(parse(input, head, close, each)).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    private static List<String> parseEverySplit(String input) {
        return parseEverySplit(input, false, false);
    }

    @Test
    void contentLengthBodyParsesTheSameAtEverySplit() {
        assertThat(parseEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  b c \r\n\r\nhello")).containsExactly(
                "head 1.1 200 [OK] length=5 Content-Length: 5|X-A: b c|", "body hello", "end");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersParsesTheSameAtEverySplit() {
        String response = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1 ; x\r\n \r\nA\r\n0123456789\r\n0;last\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\n";
        assertThat(parseEverySplit(response)).containsExactly(
                "head 1.1 201 [Created] length=-1 Transfer-Encoding: chunked|", "body hello 0123456789", "end");
    }

    @Test
    void bodyUntilCloseEndsWithTheConnectionAtEverySplit() {
        assertThat(parseEverySplit("HTTP/1.0 200 Fine\nServer: old\n\nall of it\r\n", false, true)).containsExactly(
                "head 1.0 200 [Fine] length=-2 Server: old|", "body all of it\r\n", "end");
    }

    @Test
    void interimResponsesAreSkipped() {
        assertThat(parseEverySplit("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).containsExactly(
                "head 1.1 200 [OK] length=2 Content-Length: 2|", "body ok", "end");
    }

    @Test
    void headAnd204And304HaveNoBodyWhateverTheirHeadersSay() {
        assertThat(parseEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", true, false)).containsExactly(
                "head 1.1 200 [OK] length=0 Content-Length: 10|", "end");
        assertThat(parseEverySplit("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n")).containsExactly(
                "head 1.1 204 [No Content] length=0 Transfer-Encoding: chunked|", "end");
        assertThat(parseEverySplit("HTTP/1.1 304 Not Modified\r\n\r\n")).containsExactly(
                "head 1.1 304 [Not Modified] length=0 ", "end");
    }

    @Test
    void zeroLengthBodyEndsAtTheHead() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 1.1 200 [OK] length=0 Content-Length: 0|", "end");
    }

    @Test
    void missingReasonPhraseIsTolerated() {
        assertThat(parse("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 1.1 404 [] length=0 Content-Length: 0|", "end");
        assertThat(parse("HTTP/1.1 500 \r\nContent-Length: 0\r\n\r\n", false, false))
                .containsExactly("head 1.1 500 [] length=0 Content-Length: 0|", "end");
    }

    @Test
    void inputAfterTheResponseIsIgnored() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n\r\n", false, true))
                .containsExactly("head 1.1 200 [OK] length=1 Content-Length: 1|", "body x", "end");
    }

    @Test
    void inputAfterTheResponseIsNoted() {
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder, false);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx".getBytes(ISO_8859_1)));
        assertThat(parser.isDone()).isTrue();
        assertThat(parser.sawInputAfterResponse()).isFalse();
        parser.feed(ByteBuffer.wrap("H".getBytes(ISO_8859_1)));
        assertThat(parser.sawInputAfterResponse()).isTrue();
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionField() {
        assertThat(head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").keepAlive())
                .isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\n\r\n").keepAlive()).isFalse();
    }

    private static ResponseHead head(String input) {
        ResponseHead[] found = new ResponseHead[1];
        ResponseParser parser = new ResponseParser(new Recorder() {
            @Override
            public void headReceived(ResponseHead head) {
                found[0] = head;
            }
        }, false);
        parser.feed(ByteBuffer.wrap(input.getBytes(ISO_8859_1)));
        return found[0];
    }

    @Test
    void badStatusLinesAreErrors() {
        for (String line : List.of("HTTP/2 200 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 99 Low", "HTTP/1.1 600 High",
                "HTTP/1.1 abc OK", "HTTP/1.1  200 OK", "HTTP/1.1 200OK", "ICY 200 OK", "http/1.1 200 OK",
                "HTTP/1.1 200 O\u0001K", "", "HTTP/1.1")) {
            assertThat(parse(line + "\r\nContent-Length: 0\r\n\r\n", false, false)).as(line).hasSize(1)
                    .first().asString().startsWith("failed: ");
        }
    }

    @Test
    void ambiguousFramingIsAnError() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", false, false))
                .containsExactly("failed: Content-Length with Transfer-Encoding");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false, false))
                .containsExactly("failed: malformed or conflicting Content-Length");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false, false))
                .containsExactly("failed: malformed or conflicting Content-Length");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", false, false))
                .containsExactly("failed: unsupported transfer coding: gzip, chunked");
    }

    @Test
    void malformedHeaderFieldsAreErrors() {
        assertThat(parse("HTTP/1.1 200 OK\r\nX: 1\r\n folded\r\n\r\n", false, false))
                .containsExactly("failed: obsolete line folding");
        assertThat(parse("HTTP/1.1 200 OK\r\nX : 1\r\n\r\n", false, false))
                .containsExactly("failed: malformed header name");
        assertThat(parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", false, false))
                .containsExactly("failed: malformed header field");
        assertThat(parse("HTTP/1.1 200 OK\r\nX: a\u0000b\r\n\r\n", false, false))
                .containsExactly("failed: control character in a header value");
    }

    @Test
    void badChunkFramingIsAnError() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(parse(head + "zz\r\n", false, false)).last().isEqualTo("failed: malformed chunk size");
        assertThat(parse(head + "1000000000000000\r\n", false, false)).last().isEqualTo("failed: chunk size too large");
        assertThat(parse(head + "3\r\nabcd\r\n", false, false)).last().isEqualTo("failed: chunk data longer than its size");
        assertThat(parse(head + "3;\u0001\r\n", false, false)).last()
                .isEqualTo("failed: control character in a chunk extension");
    }

    @Test
    void limitsAreErrors() {
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder, false);
        parser.setMaxStatusLineBytes(20);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 A long reason\r\n".getBytes(ISO_8859_1)));
        assertThat(recorder.events).containsExactly("failed: status line too long");

        recorder = new Recorder();
        parser = new ResponseParser(recorder, false);
        parser.setMaxHeaderBytes(30);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nX-One: 1234567890\r\nX-Two: 1234567890\r\n".getBytes(ISO_8859_1)));
        assertThat(recorder.events).containsExactly("failed: header fields too large");

        recorder = new Recorder();
        parser = new ResponseParser(recorder, false);
        parser.setMaxHeaderCount(2);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n".getBytes(ISO_8859_1)));
        assertThat(recorder.events).containsExactly("failed: too many header fields");
    }

    @Test
    void switchingProtocolsIsAnErrorSinceNoUpgradeWasAsked() {
        assertThat(parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", false, false))
                .containsExactly("failed: unexpected 101 Switching Protocols");
    }

    @Test
    void closeBeforeTheResponseEndsIsAnError() {
        assertThat(parse("", false, true)).containsExactly("failed: the server closed the connection without a response");
        assertThat(parse("HTTP/1.1 200 OK\r\nX: 1", false, true))
                .containsExactly("failed: the server closed the connection in the response head");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc", false, true)).containsExactly(
                "head 1.1 200 [OK] length=5 Content-Length: 5|", "body abc",
                "failed: the server closed the connection before the end of the response body");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", false, true))
                .last().isEqualTo("failed: the server closed the connection before the end of the response body");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", false, true)).last().isEqualTo("end");
    }

    @Test
    void nothingIsReportedAfterAnError() {
        Recorder recorder = new Recorder();
        ResponseParser parser = new ResponseParser(recorder, false);
        parser.feed(ByteBuffer.wrap("XTTP/1.1 200 OK\r\n".getBytes(ISO_8859_1)));
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(ISO_8859_1)));
        parser.connectionClosed();
        assertThat(recorder.events).containsExactly("failed: malformed status line");
    }
}
