package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpParserTest {

    /** Records the parser's events as text lines. */
    static final class Recorder implements HttpParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<RequestHead> heads = new ArrayList<>();
        private StringBuilder body = new StringBuilder();

        @Override
        public void headReceived(RequestHead head) {
            heads.add(head);
            StringBuilder headers = new StringBuilder();
            head.headers().forEach((n, v) -> headers.append(n).append('=').append(v).append(';'));
            events.add("head " + head.method() + " " + head.target() + " " + (head.http11() ? "1.1" : "1.0") + " "
                    + head.contentLength() + " " + headers);
        }

        @Override
        public void bodyReceived(ByteBuffer piece) {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            body.append(new String(bytes, ISO_8859_1));
        }

        @Override
        public void bodyFinished() {
            events.add("body " + body);
            body = new StringBuilder();
        }

        @Override
        public void parseFailed(int status, String reason) {
            events.add("error " + status);
        }
    }

    private static List<String> parse(String input) {
        return parse(input, new Limits());
    }

    private static List<String> parse(String input, Limits limits) {
        Recorder recorder = new Recorder();
        new HttpParser(recorder, limits).feed(ByteBuffer.wrap(input.getBytes(ISO_8859_1)));
        return recorder.events;
    }

    /** Feeds the input in two pieces split at every position, and byte by byte; all must agree with one piece. */
    private static List<String> parseAtEverySplit(String input) {
        List<String> whole = parse(input);
        byte[] bytes = input.getBytes(ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder recorder = new Recorder();
            HttpParser parser = new HttpParser(recorder, new Limits());
            parser.feed(ByteBuffer.wrap(bytes, 0, split));
            parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
            assertThat(recorder.events).as("split at %d", split).isEqualTo(whole);
        }
        Recorder recorder = new Recorder();
        HttpParser parser = new HttpParser(recorder, new Limits());
        for (byte b : bytes) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(recorder.events).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    @Test
    void simpleGetParsesTheSameAtEverySplit() {
        assertThat(parseAtEverySplit("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept:  */* \r\n\r\n"))
                .containsExactly("head GET /a/b?x=1 1.1 0 Host=example.com;Accept=*/*;", "body ");
    }

    @Test
    void sizedBodyParsesTheSameAtEverySplit() {
        assertThat(parseAtEverySplit("POST /f HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"))
                .containsExactly("head POST /f 1.1 11 Host=h;Content-Length=11;", "body hello world");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersParsesTheSameAtEverySplit() {
        String request = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n";
        assertThat(parseAtEverySplit(request)).containsExactly(
                "head POST /up 1.1 -1 Host=h;Transfer-Encoding=chunked;", "body helloabcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void pipelinedRequestsComeOutInOrderAtEverySplit() {
        String request = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /3 HTTP/1.0\r\n\r\n";
        assertThat(parseAtEverySplit(request)).containsExactly(
                "head GET /1 1.1 0 Host=h;", "body ",
                "head POST /2 1.1 3 Host=h;Content-Length=3;", "body abc",
                "head GET /3 1.0 0 ", "body ");
    }

    @Test
    void bareLineFeedsAndLeadingEmptyLinesAreAccepted() {
        assertThat(parse("\r\n\nGET / HTTP/1.1\nHost: h\n\n")).containsExactly("head GET / 1.1 0 Host=h;", "body ");
    }

    @Test
    void repeatedHeadersAreKeptInOrder() {
        List<String> events = parse("GET / HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\ncookie: b=2\r\n\r\n");
        assertThat(events.get(0)).endsWith("Host=h;Cookie=a=1;cookie=b=2;");
    }

    @Test
    void identicalRepeatedContentLengthsAreAccepted() {
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok"))
                .last().isEqualTo("body ok");
    }

    @Test
    void expectContinueIsReported() {
        Recorder recorder = new Recorder();
        new HttpParser(recorder, new Limits()).feed(ByteBuffer.wrap(
                "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n".getBytes(ISO_8859_1)));
        assertThat(recorder.heads.get(0).expectContinue()).isTrue();
        assertThat(recorder.events).hasSize(1);
    }

    @Test
    void absoluteFormAndAsteriskTargetsAreKeptAsSent() {
        assertThat(parse("GET http://h/x?y HTTP/1.1\r\nHost: h\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"))
                .containsExactly("head GET http://h/x?y 1.1 0 Host=h;", "body ", "head OPTIONS * 1.1 0 Host=h;", "body ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET\r\n\r\n",                                         // no target
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",                  // two spaces
        "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",                  // trailing space
        "GET /\tx HTTP/1.1\r\nHost: h\r\n\r\n",                // tab in target
        "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",                   // method not a token
        "GET / HTTP/1.x\r\nHost: h\r\n\r\n",                   // bad version
        "GET / http/1.1\r\nHost: h\r\n\r\n",                   // lower-case version
        "GET / HTTP/1.1\rX\r\nHost: h\r\n\r\n",                // bare CR
        "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n", // obsolete line folding
        "GET / HTTP/1.1\r\nHost: h\r\nX-A : 1\r\n\r\n",        // whitespace before colon
        "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n",        // no colon
        "GET / HTTP/1.1\r\nHost: h\r\n: empty name\r\n\r\n",   // empty name
        "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n",  // NUL in value
        "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n",      // CR in value
        "GET / HTTP/1.1\r\n\r\n",                              // HTTP/1.1 without Host
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",        // two Hosts
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x10\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nabcde",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",      // bad chunk size
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",       // negative chunk size
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",         // empty chunk size
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n", // overflow
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", // data past size
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n",
    })
    void malformedInputIsBadRequest(String input) {
        List<String> events = parse(input);
        assertThat(events).last().isEqualTo("error 400");
        assertThat(events).noneMatch(event -> event.startsWith("body"));
    }

    @Test
    void unsupportedTransferCodingIsNotImplemented() {
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
                .containsExactly("error 501");
    }

    @Test
    void http2VersionIsNotSupported() {
        assertThat(parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n")).containsExactly("error 505");
    }

    @Test
    void nothingIsReportedAfterAnError() {
        assertThat(parse("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")).containsExactly("error 400");
    }

    @Test
    void requestLineLongerThanTheLimitIsUriTooLong() {
        Limits limits = new Limits();
        limits.maxRequestLineBytes = 30;
        String fits = "GET /" + "a".repeat(16) + " HTTP/1.1"; // exactly 30 bytes
        assertThat(fits).hasSize(30);
        assertThat(parse(fits + "\r\nHost: h\r\n\r\n", limits)).hasSize(2);
        assertThat(parse("GET /" + "a".repeat(17) + " HTTP/1.1\r\nHost: h\r\n\r\n", limits)).containsExactly("error 414");
        assertThat(parse("GET /" + "a".repeat(100), limits)).as("reported before the line ends")
                .containsExactly("error 414");
    }

    @Test
    void aLineTooLongConsumesTheRestOfTheInputAsEveryFailureDoes() {
        Limits limits = new Limits();
        limits.maxRequestLineBytes = 16;
        limits.maxHeaderBytes = 100;
        for (String input : new String[] {"GET /" + "a".repeat(100) + " HTTP/1.1\r\nHost: h\r\n\r\nmore",
            "GET / HTTP/1.1\r\nX-Big: " + "b".repeat(100) + "\r\n\r\nmore",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + "0".repeat(5000) + "1\r\n"}) {
            Recorder recorder = new Recorder();
            HttpParser parser = new HttpParser(recorder, limits);
            ByteBuffer data = ByteBuffer.wrap(input.getBytes(ISO_8859_1));
            parser.feed(data);
            assertThat(recorder.events).last().asString().startsWith("error 4");
            assertThat(data.hasRemaining()).as("input left unconsumed, to be held").isFalse();
        }
    }

    @Test
    void headerLinesLargerThanTheLimitAreTooLarge() {
        Limits limits = new Limits();
        limits.maxHeaderBytes = 40;
        String fits = "Host: h\r\nX-Pad: " + "p".repeat(15) + "\r\n"; // 9 + 24 = 33 bytes
        assertThat(parse("GET / HTTP/1.1\r\n" + fits + "\r\n", limits)).hasSize(2);
        assertThat(parse("GET / HTTP/1.1\r\n" + fits + "X-More: 12\r\n\r\n", limits)).containsExactly("error 431");
        assertThat(parse("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(1000), limits)).containsExactly("error 431");
    }

    @Test
    void moreHeaderFieldsThanTheLimitAreTooLarge() {
        Limits limits = new Limits();
        limits.maxHeaderCount = 3;
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits)).hasSize(2);
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits))
                .containsExactly("error 431");
    }

    @Test
    void sizedBodyOverTheLimitIsRefusedBeforeItArrives() {
        Limits limits = new Limits();
        limits.maxBodyBytes = 10;
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", limits))
                .last().isEqualTo("body 0123456789");
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits)).containsExactly("error 413");
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", limits))
                .containsExactly("error 413");
    }

    @Test
    void chunkedBodyOverTheLimitIsTooLarge() {
        Limits limits = new Limits();
        limits.maxBodyBytes = 10;
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(parse(head + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", limits)).last().isEqualTo("body 0123456789");
        List<String> events = parse(head + "5\r\n01234\r\n6\r\n", limits);
        assertThat(events).hasSize(2).last().isEqualTo("error 413");
    }

    @Test
    void inHeadTellsWhetherARequestHeadIsPartlyRead() {
        HttpParser parser = new HttpParser(new Recorder(), new Limits());
        assertThat(parser.inHead()).isFalse();
        parser.feed(ByteBuffer.wrap("GE".getBytes(ISO_8859_1)));
        assertThat(parser.inHead()).isTrue();
        parser.feed(ByteBuffer.wrap("T / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n".getBytes(ISO_8859_1)));
        assertThat(parser.inHead()).isFalse();
        assertThat(parser.inBody()).isTrue();
    }
}
