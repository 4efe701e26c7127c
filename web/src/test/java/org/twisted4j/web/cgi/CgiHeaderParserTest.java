package org.twisted4j.web.cgi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.web.cgi.CgiHeaderParser.Bad;
import org.twisted4j.web.cgi.CgiHeaderParser.Complete;
import org.twisted4j.web.cgi.CgiHeaderParser.Field;
import org.twisted4j.web.cgi.CgiHeaderParser.NeedMore;
import org.twisted4j.web.cgi.CgiHeaderParser.Result;

class CgiHeaderParserTest {

    /** Feeds {@code output} in two pieces split at {@code at}; returns the result and the body bytes seen. */
    private static Outcome feedSplit(String output, int at) {
        CgiHeaderParser parser = new CgiHeaderParser();
        byte[] bytes = output.getBytes(ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Result first = parser.feed(ByteBuffer.wrap(bytes, 0, at));
        Result result = first;
        if (first instanceof Complete c) {
            body.writeBytes(remaining(c.body()));
            body.write(bytes, at, bytes.length - at); // after the headers, the rest is body as it is
        } else if (first instanceof NeedMore) {
            result = parser.feed(ByteBuffer.wrap(bytes, at, bytes.length - at));
            if (result instanceof Complete c) {
                body.writeBytes(remaining(c.body()));
            }
        }
        return new Outcome(result, body.toString(ISO_8859_1));
    }

    private record Outcome(Result result, String body) {
    }

    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void headersWithLfOrCrlfParseTheSameAtEverySplitPoint() {
        for (String eol : List.of("\n", "\r\n")) {
            String output = "Content-Type: text/plain" + eol + "X-Thing:  spaced value " + eol + eol + "body\r\nmore";
            for (int at = 0; at <= output.length(); at++) {
                Outcome outcome = feedSplit(output, at);
                assertThat(outcome.result()).as("split at %d with %s", at, eol.length())
                        .isInstanceOfSatisfying(Complete.class, c -> assertThat(c.fields()).containsExactly(
                                new Field("Content-Type", "text/plain"), new Field("X-Thing", "spaced value")));
                assertThat(outcome.body()).as("split at %d", at).isEqualTo("body\r\nmore");
            }
        }
    }

    @Test
    void aMixOfLfAndCrlfEndsTheSectionAtTheFirstEmptyLine() {
        CgiHeaderParser parser = new CgiHeaderParser();
        Result result = parser.feed(ByteBuffer.wrap("Status: 201\r\n\nrest\n\nx".getBytes(ISO_8859_1)));
        assertThat(result).isInstanceOfSatisfying(Complete.class, c -> {
            assertThat(c.fields()).containsExactly(new Field("Status", "201"));
            assertThat(new String(remaining(c.body()), ISO_8859_1)).isEqualTo("rest\n\nx");
        });
    }

    @Test
    void aLineWithoutAColonIsBadAtEverySplitPoint() {
        String output = "Content-Type: text/plain\nthis is not a header\n\nbody";
        for (int at = 0; at <= output.length(); at++) {
            assertThat(feedSplit(output, at).result()).as("split at %d", at)
                    .isInstanceOfSatisfying(Bad.class, b -> assertThat(b.reason()).contains("not a header field"));
        }
    }

    @Test
    void aNameThatIsNotATokenOrAControlCharacterInAValueIsBad() {
        assertThat(new CgiHeaderParser().feed(ByteBuffer.wrap("Bad Name: x\n\n".getBytes(ISO_8859_1))))
                .isInstanceOf(Bad.class);
        assertThat(new CgiHeaderParser().feed(ByteBuffer.wrap("Name: a\u0001b\n\n".getBytes(ISO_8859_1))))
                .isInstanceOf(Bad.class);
    }

    @Test
    void tooLongAHeaderSectionIsBad() {
        CgiHeaderParser parser = new CgiHeaderParser();
        byte[] piece = new byte[4096];
        java.util.Arrays.fill(piece, (byte) 'a');
        Result result = new NeedMore();
        for (int i = 0; i <= CgiHeaderParser.MAX_HEADER_BYTES / piece.length && result instanceof NeedMore; i++) {
            result = parser.feed(ByteBuffer.wrap(piece));
        }
        assertThat(result).isInstanceOfSatisfying(Bad.class, b -> assertThat(b.reason()).contains("bytes of headers"));
    }

    @Test
    void outputWithoutTheEmptyLineNeedsMore() {
        CgiHeaderParser parser = new CgiHeaderParser();
        assertThat(parser.sawOutput()).isFalse();
        assertThat(parser.feed(ByteBuffer.wrap("Content-Type: text/plain\n".getBytes(ISO_8859_1))))
                .isInstanceOf(NeedMore.class);
        assertThat(parser.sawOutput()).isTrue();
    }

    @Test
    void statusSetsTheCodeAndReason() {
        CgiHeaderParser.Head head = CgiHeaderParser.interpret(List.of(new Field("Status", "404 Not Here"),
                new Field("Content-Type", "text/plain")));
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.reason()).isEqualTo("Not Here");
        assertThat(head.headers()).containsExactly(new Field("Content-Type", "text/plain"));
        assertThat(CgiHeaderParser.interpret(List.of(new Field("status", "204"))).reason()).isNull();
    }

    @Test
    void locationWithoutStatusIsA302AndWithStatusKeepsIt() {
        CgiHeaderParser.Head redirect = CgiHeaderParser.interpret(List.of(new Field("Location", "/elsewhere")));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers()).containsExactly(new Field("Location", "/elsewhere"));
        assertThat(CgiHeaderParser.interpret(List.of(new Field("Location", "/x"), new Field("Status", "301 Moved")))
                .status()).isEqualTo(301);
    }

    @Test
    void noStatusIs200AndTheServersOwnFieldsAreDropped() {
        CgiHeaderParser.Head head = CgiHeaderParser.interpret(List.of(new Field("Server", "evil"),
                new Field("Date", "never"), new Field("Transfer-Encoding", "chunked"), new Field("Connection", "close"),
                new Field("Set-Cookie", "a=1"), new Field("Set-Cookie", "b=2")));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).containsExactly(new Field("Set-Cookie", "a=1"), new Field("Set-Cookie", "b=2"));
    }

    @Test
    void aMalformedStatusIsRefused() {
        for (String status : List.of("abc", "20", "2000 Big", "099 Low", "")) {
            assertThatThrownBy(() -> CgiHeaderParser.interpret(List.of(new Field("Status", status))))
                    .as(status).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed Status");
        }
    }
}
