package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.web.client.Outcomes.failure;
import static org.twisted4j.web.client.Outcomes.result;

import java.nio.charset.Charset;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.task.Clock;

class HttpClientTest {

    private final Clock clock = new Clock();

    private FakeAgent okAgent() {
        return FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString(), "ok".getBytes(UTF_8)));
    }

    /** A codec for the tests: strings as JSON strings, nothing else. */
    private static final JsonCodec STRINGS = new JsonCodec() {
        @Override
        public byte[] encode(Object value) {
            return ("\"" + value + "\"").getBytes(UTF_8);
        }

        @Override
        public <T> T decode(byte[] json, Class<T> type) {
            String text = new String(json, UTF_8);
            return type.cast(text.substring(1, text.length() - 1));
        }
    };

    @Test
    void paramsAreFormEncodedAppendedToTheQueryAndMayRepeat() {
        FakeAgent agent = okAgent();
        HttpClient client = HttpClient.create(agent, clock);
        RequestOptions options = RequestOptions.builder().param("q", "a b&c=d").param("tag", "x").param("tag", "y")
                .param("\u00e9", "~*").build();

        result(client.get("http://a.example/search?lang=en#top", options));
        result(client.get("http://a.example/plain", options));
        result(client.get("http://a.example/empty?", RequestOptions.builder().param("k", "").build()));

        assertThat(agent.sent.get(0).uri).hasToString(
                "http://a.example/search?lang=en&q=a+b%26c%3Dd&tag=x&tag=y&%C3%A9=%7E*#top");
        assertThat(agent.sent.get(1).uri.getRawQuery()).isEqualTo("q=a+b%26c%3Dd&tag=x&tag=y&%C3%A9=%7E*");
        assertThat(agent.sent.get(2).uri).hasToString("http://a.example/empty?k=");
    }

    @Test
    void headersBasicAuthAndMethodsReachTheAgent() {
        FakeAgent agent = okAgent();
        HttpClient client = HttpClient.create(agent, clock);
        RequestOptions options = RequestOptions.builder().header("X-One", "1").header("x-one", "2")
                .basicAuth("user", "p\u00e4ss:word").build();

        result(client.put("http://a.example/", options));
        result(client.delete("http://a.example/", RequestOptions.NONE));
        result(client.head("http://a.example/", RequestOptions.NONE));
        result(client.patch("http://a.example/", RequestOptions.NONE));
        result(client.request("OPTIONS", "http://a.example/", RequestOptions.NONE));

        FakeAgent.Sent put = agent.sent.get(0);
        assertThat(put.method).isEqualTo("PUT");
        assertThat(put.headers.getAll("X-One")).containsExactly("1", "2");
        assertThat(put.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("user:p\u00e4ss:word".getBytes(UTF_8)));
        assertThat(put.header("Accept-Encoding")).isEqualTo("gzip,deflate");
        assertThat(agent.sent).extracting(s -> s.method).containsExactly("PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");
        assertThat(agent.sent.get(1).header("Authorization")).isNull();
        assertThatThrownBy(() -> RequestOptions.builder().basicAuth("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formBodyIsUrlEncodedWithItsContentType() {
        FakeAgent agent = okAgent();
        result(HttpClient.create(agent, clock).post("http://a.example/",
                RequestOptions.builder().formField("name", "J\u00f6 Doe").formField("tag", "a&b").formField("tag", "").build()));

        assertThat(agent.last().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(agent.last().bodyBytes()).asString(UTF_8).isEqualTo("name=J%C3%B6+Doe&tag=a%26b&tag=");
    }

    @Test
    void jsonBodyUsesTheCodecAndAGivenContentTypeWins() {
        FakeAgent agent = okAgent();
        HttpClient client = HttpClient.builder(agent, clock).jsonCodec(STRINGS).build();

        result(client.post("http://a.example/", RequestOptions.builder().json("hi").build()));
        result(client.post("http://a.example/", RequestOptions.builder().json("hi")
                .header("Content-Type", "application/vnd.x+json").build()));

        assertThat(agent.sent.get(0).header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(agent.sent.get(0).bodyBytes()).asString(UTF_8).isEqualTo("\"hi\"");
        assertThat(agent.sent.get(1).headers.getAll("Content-Type")).containsExactly("application/vnd.x+json");
    }

    @Test
    void jsonWithoutACodecFailsTheRequest() {
        Deferred<Response> d = HttpClient.create(okAgent(), clock).post("http://a.example/",
                RequestOptions.builder().json("x").build());

        assertThat(failure(d)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void multipartBodyCarriesItsBoundary() {
        FakeAgent agent = okAgent();
        MultipartFormBody multipart = MultipartFormBody.builder().boundary("BB").field("a", "1").build();
        result(HttpClient.create(agent, clock).post("http://a.example/",
                RequestOptions.builder().multipart(multipart).build()));

        assertThat(agent.last().header("Content-Type")).isEqualTo("multipart/form-data; boundary=BB");
        assertThat(agent.last().body).isSameAs(multipart);
    }

    @Test
    void badUrlsFailTheDeferred() {
        HttpClient client = HttpClient.create(okAgent(), clock);

        assertThat(failure(client.get("ftp://a.example/"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(client.get("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(client.get("http://bad url/"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutCancelsTheRequestOnTheClock() {
        FakeAgent agent = new FakeAgent();
        Deferred<Response> d = HttpClient.create(agent, clock).get("http://a.example/",
                RequestOptions.builder().timeout(5).build());

        clock.advance(4.9);
        assertThat(Outcomes.fired(d)).isFalse();
        clock.advance(0.1);

        assertThat(agent.last().cancelled).isTrue();
        assertThat(failure(d)).isInstanceOf(TimeoutError.class);
    }

    @Test
    void responseInTimeCancelsTheTimer() {
        FakeAgent agent = new FakeAgent();
        Deferred<Response> d = HttpClient.create(agent, clock).get("http://a.example/",
                RequestOptions.builder().timeout(5).build());
        agent.last().respond(FakeResponse.of(200, "http://a.example/"));

        assertThat(result(d).code()).isEqualTo(200);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void timeoutCoversRedirectsToo() {
        FakeAgent agent = new FakeAgent();
        Deferred<Response> d = HttpClient.create(agent, clock).get("http://a.example/",
                RequestOptions.builder().timeout(5).build());
        agent.last().respond(FakeResponse.of(302, "http://a.example/").header("Location", "/next"));
        clock.advance(5);

        assertThat(agent.sent).hasSize(2);
        assertThat(agent.last().cancelled).isTrue();
        assertThat(failure(d)).isInstanceOf(TimeoutError.class);
    }

    @Test
    void redirectsAreFollowedBrowserLikeByDefaultAndCanBeTurnedOff() {
        FakeAgent agent = FakeAgent.answering(sent -> sent.uri.getPath().equals("/form")
                ? FakeResponse.of(302, sent.uri.toString()).header("Location", "/done")
                : FakeResponse.of(200, sent.uri.toString()));
        HttpClient client = HttpClient.create(agent, clock);

        assertThat(result(client.post("http://a.example/form", RequestOptions.NONE)).code()).isEqualTo(200);
        assertThat(agent.sent.get(1).method).isEqualTo("GET");
        assertThat(result(client.post("http://a.example/form", RequestOptions.builder().followRedirects(false).build()))
                .code()).isEqualTo(302);
        HttpClient notFollowing = HttpClient.builder(agent, clock).followRedirects(false).build();
        assertThat(result(notFollowing.get("http://a.example/form")).code()).isEqualTo(302);
    }

    @Test
    void gzipBodiesAreDecodedByDefaultAndNotWhenTurnedOff() throws Exception {
        byte[] encoded = ContentDecoderAgentTest.gzip("hello".getBytes(UTF_8));
        FakeAgent agent = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString(), encoded)
                .header("Content-Encoding", "gzip"));

        HttpClient client = HttpClient.create(agent, clock);
        Deferred<String> text = client.get("http://a.example/").addCallbackDeferred(client::text);
        assertThat(result(text)).isEqualTo("hello");
        HttpClient raw = HttpClient.builder(agent, clock).decodeContent(false).build();
        Deferred<byte[]> content = raw.get("http://a.example/").addCallbackDeferred(raw::content);
        assertThat(result(content)).isEqualTo(encoded);
        assertThat(agent.last().header("Accept-Encoding")).isNull();
    }

    @Test
    void cookiesAreKeptByDefaultAndPerRequestCookiesGoToTheHost() {
        FakeAgent agent = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString())
                .header("Set-Cookie", "server=1"));
        HttpClient client = HttpClient.create(agent, clock);

        result(client.get("http://a.example/", RequestOptions.builder().cookie("mine", "2").build()));
        result(client.get("http://a.example/"));
        result(client.get("http://other.example/"));

        assertThat(agent.sent.get(0).header("Cookie")).isEqualTo("mine=2");
        assertThat(agent.sent.get(1).header("Cookie")).isEqualTo("mine=2; server=1");
        assertThat(agent.sent.get(2).header("Cookie")).isNull();
        assertThat(client.cookieJar()).isNotNull();
    }

    @Test
    void withoutCookiesNothingIsKeptButPerRequestCookiesAreSent() {
        FakeAgent agent = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString())
                .header("Set-Cookie", "server=1"));
        HttpClient client = HttpClient.builder(agent, clock).cookies(false).build();

        result(client.get("http://a.example/", RequestOptions.builder().cookie("a", "1").cookie("b", "2").build()));
        result(client.get("http://a.example/"));

        assertThat(agent.sent.get(0).header("Cookie")).isEqualTo("a=1; b=2");
        assertThat(agent.sent.get(1).header("Cookie")).isNull();
        assertThat(client.cookieJar()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/html; charset=utf-8|UTF-8",
        "text/html; charset=\"UTF-16BE\"|UTF-16BE",
        "text/plain;CHARSET='iso-8859-2'|ISO-8859-2",
        "text/plain|ISO-8859-1",
        "application/json|UTF-8",
        "APPLICATION/JSON ; foo=bar|UTF-8",
        "application/json; charset=iso-8859-1|ISO-8859-1",
        "''|ISO-8859-1"})
    void textCharsetComesFromTheContentType(String contentType, String charset) {
        Charset expected = Charset.forName(charset);
        String original = "caf\u00e9";
        FakeResponse response = FakeResponse.of(200, "http://a.example/", original.getBytes(expected));
        if (!contentType.isEmpty()) {
            response.header("Content-Type", contentType);
        }

        assertThat(ResponseContent.charsetOf(response, ISO_8859_1)).isEqualTo(expected);
        assertThat(result(ResponseContent.text(response))).isEqualTo(original);
    }

    @Test
    void lastContentTypeDecidesAndFallbackIsUsedWithoutCharset() {
        FakeResponse twoTypes = FakeResponse.of(200, "http://a.example/")
                .header("Content-Type", "text/plain; charset=utf-16").header("Content-Type", "text/plain; charset=utf-8");
        FakeResponse none = FakeResponse.of(200, "http://a.example/", "\u00e9".getBytes(UTF_8));

        assertThat(ResponseContent.charsetOf(twoTypes, ISO_8859_1)).isEqualTo(UTF_8);
        assertThat(result(ResponseContent.text(none, UTF_8))).isEqualTo("\u00e9");
    }

    @Test
    void unknownCharsetFailsTheText() {
        FakeResponse response = FakeResponse.of(200, "http://a.example/", new byte[] {1})
                .header("Content-Type", "text/plain; charset=no-such-charset");

        assertThat(failure(ResponseContent.text(response))).isInstanceOf(UnsupportedCharsetException.class);
    }

    @Test
    void jsonIsDecodedWithTheCodecAfterReencodingToUtf8() {
        HttpClient client = HttpClient.builder(okAgent(), clock).jsonCodec(STRINGS).build();
        FakeResponse latin = FakeResponse.of(200, "http://a.example/", "\"caf\u00e9\"".getBytes(ISO_8859_1))
                .header("Content-Type", "application/json; charset=ISO-8859-1");

        assertThat(result(client.json(latin, String.class))).isEqualTo("caf\u00e9");
        assertThatThrownBy(() -> HttpClient.create(okAgent(), clock).json(latin, String.class))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void formEncodingKeepsOnlyTheUnreservedCharacters() {
        StringBuilder out = new StringBuilder();
        FormEncoding.escape("aZ09*-._ ~!'()/?+", out);

        assertThat(out).hasToString("aZ09*-._+%7E%21%27%28%29%2F%3F%2B");
    }
}
