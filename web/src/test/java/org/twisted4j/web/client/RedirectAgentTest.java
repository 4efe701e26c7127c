package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.client.Outcomes.failure;
import static org.twisted4j.web.client.Outcomes.result;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

class RedirectAgentTest {

    /** Answers /redirect-CODE?to=X with CODE and Location X, everything else with 200. */
    private static FakeAgent redirecting(Map<String, String> locations, int code) {
        return FakeAgent.answering(sent -> {
            String location = locations.get(sent.uri.toString());
            if (location == null) {
                return FakeResponse.of(200, sent.uri.toString(), "done".getBytes(UTF_8));
            }
            return FakeResponse.of(code, sent.uri.toString(), "moved".getBytes(UTF_8)).header("Location", location);
        });
    }

    private static Headers headers(String... namesAndValues) {
        Headers h = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    @ParameterizedTest
    @CsvSource({"301,GET", "302,GET", "307,GET", "308,GET", "301,HEAD", "302,HEAD", "307,HEAD", "308,HEAD"})
    void strictAgentFollowsRedirectsOfGetAndHeadKeepingTheMethod(int code, String method) {
        FakeAgent inner = redirecting(Map.of("http://a.example/old", "http://a.example/new"), code);
        Response response = result(new RedirectAgent(inner).request(method, URI.create("http://a.example/old"), null, null));

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.requestUri()).hasToString("http://a.example/new");
        assertThat(inner.sent).extracting(s -> s.method).containsExactly(method, method);
        assertThat(response.previousResponse().code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"301,POST", "302,POST", "307,POST", "308,PUT", "302,DELETE"})
    void strictAgentRefusesToRedirectOtherMethodsAndGivesTheResponse(int code, String method) {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/elsewhere"), code);
        Throwable error = failure(new RedirectAgent(inner).request(method, URI.create("http://a.example/form"), null,
                BytesBodyProducer.of(new byte[] {1})));

        assertThat(error).isInstanceOf(PageRedirect.class);
        PageRedirect redirect = (PageRedirect) error;
        assertThat(redirect.response().code()).isEqualTo(code);
        assertThat(redirect.response().requestUri()).hasToString("http://a.example/form");
        assertThat(redirect.location()).hasToString("http://a.example/elsewhere");
        assertThat(inner.sent).hasSize(1);
        assertThat(result(redirect.response().readBody())).asString(UTF_8).isEqualTo("moved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "HEAD"})
    void seeOtherTurnsAnyMethodIntoGetWithoutBodyOrBodyHeaders(String method) {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/result"), 303);
        Response response = result(new RedirectAgent(inner).request(method, URI.create("http://a.example/form"),
                headers("Content-Type", "text/plain", "Content-Length", "3", "X-Keep", "yes"),
                BytesBodyProducer.of("abc".getBytes(UTF_8))));

        assertThat(response.code()).isEqualTo(200);
        FakeAgent.Sent second = inner.sent.get(1);
        assertThat(second.method).isEqualTo("GET");
        assertThat(second.uri).hasToString("http://a.example/result");
        assertThat(second.body).isNull();
        assertThat(second.header("Content-Type")).isNull();
        assertThat(second.header("Content-Length")).isNull();
        assertThat(second.header("X-Keep")).isEqualTo("yes");
    }

    @ParameterizedTest
    @CsvSource({"301,POST", "302,POST", "303,POST", "301,PUT", "302,HEAD"})
    void browserLikeAgentTurnsMovedAndFoundIntoGet(int code, String method) {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/result"), code);
        Response response = result(new BrowserLikeRedirectAgent(inner).request(method,
                URI.create("http://a.example/form"), headers("Content-Type", "text/plain"),
                BytesBodyProducer.of("abc".getBytes(UTF_8))));

        assertThat(response.code()).isEqualTo(200);
        assertThat(inner.sent.get(1).method).isEqualTo("GET");
        assertThat(inner.sent.get(1).body).isNull();
        assertThat(inner.sent.get(1).header("Content-Type")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"307,POST", "308,POST", "307,PUT", "308,PATCH"})
    void browserLikeAgentKeepsMethodAndReplaysBodyOnTemporaryAndPermanentRedirects(int code, String method) {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/new-form"), code);
        BytesBodyProducer body = BytesBodyProducer.of("payload".getBytes(UTF_8));
        Response response = result(new BrowserLikeRedirectAgent(inner).request(method,
                URI.create("http://a.example/form"), headers("Content-Type", "text/plain"), body));

        assertThat(response.code()).isEqualTo(200);
        FakeAgent.Sent second = inner.sent.get(1);
        assertThat(second.method).isEqualTo(method);
        assertThat(second.body).isNotNull().isNotSameAs(body);
        assertThat(second.bodyBytes()).asString(UTF_8).isEqualTo("payload");
        assertThat(second.header("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void browserLikeAgentRefusesTemporaryRedirectWhenTheBodyCannotBeSentAgain() {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/new-form"), 307);
        Throwable error = failure(new BrowserLikeRedirectAgent(inner).request("POST",
                URI.create("http://a.example/form"), null, new OneShotBody()));

        assertThat(error).isInstanceOf(PageRedirect.class);
        assertThat(inner.sent).hasSize(1);
    }

    @Test
    void browserLikeAgentFollowsTemporaryRedirectOfPostWithoutBody() {
        FakeAgent inner = redirecting(Map.of("http://a.example/form", "/new-form"), 307);
        result(new BrowserLikeRedirectAgent(inner).request("POST", URI.create("http://a.example/form"), null, null));

        assertThat(inner.sent.get(1).method).isEqualTo("POST");
    }

    @Test
    void redirectsUpToTheLimitAreFollowedAndOneMoreFails() {
        // /0 -> /1 -> /2 -> /3 -> ... each a 302
        FakeAgent inner = FakeAgent.answering(sent -> {
            int n = Integer.parseInt(sent.uri.getPath().substring(1));
            return n < 3 ? FakeResponse.of(302, sent.uri.toString()).header("Location", "/" + (n + 1))
                    : FakeResponse.of(200, sent.uri.toString());
        });
        Response ok = result(new RedirectAgent(inner, 3).request("GET", URI.create("http://a.example/0"), null, null));
        assertThat(ok.requestUri()).hasToString("http://a.example/3");
        assertThat(ok.previousResponse().previousResponse().previousResponse().requestUri())
                .hasToString("http://a.example/0");
        assertThat(ok.previousResponse().previousResponse().previousResponse().previousResponse()).isNull();

        inner.sent.clear();
        Throwable error = failure(new RedirectAgent(inner, 2).request("GET", URI.create("http://a.example/0"), null, null));
        assertThat(error).isInstanceOf(RedirectLimitExceeded.class);
        assertThat(((RedirectLimitExceeded) error).limit()).isEqualTo(2);
        assertThat(((RedirectLimitExceeded) error).response().requestUri()).hasToString("http://a.example/2");
        assertThat(inner.sent).hasSize(3);
    }

    @Test
    void limitOfZeroFollowsNoRedirect() {
        FakeAgent inner = redirecting(Map.of("http://a.example/", "/x"), 301);
        Throwable error = failure(new RedirectAgent(inner, 0).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(error).isInstanceOf(RedirectLimitExceeded.class);
        assertThat(inner.sent).hasSize(1);
    }

    @Test
    void defaultLimitIsTwenty() {
        FakeAgent inner = FakeAgent.answering(sent -> FakeResponse.of(302, sent.uri.toString())
                .header("Location", sent.uri.getPath() + "x"));
        Throwable error = failure(new BrowserLikeRedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(error).isInstanceOf(RedirectLimitExceeded.class);
        assertThat(inner.sent).hasSize(21);
    }

    @Test
    void redirectWithoutLocationFails() {
        FakeAgent inner = FakeAgent.answering(sent -> FakeResponse.of(302, sent.uri.toString(), "no".getBytes(UTF_8)));
        Throwable error = failure(new RedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(error).isInstanceOf(RedirectWithNoLocation.class);
        assertThat(((RedirectWithNoLocation) error).response().code()).isEqualTo(302);
        assertThat(result(((RedirectWithNoLocation) error).response().readBody())).asString(UTF_8).isEqualTo("no");
    }

    @Test
    void unparseableLocationFailsLikeAMissingOne() {
        FakeAgent inner = redirecting(Map.of("http://a.example/", "http://[bad"), 302);
        Throwable error = failure(new RedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(error).isInstanceOf(RedirectWithNoLocation.class);
    }

    @Test
    void relativeLocationsResolveAgainstTheUriOfEachHop() {
        FakeAgent inner = redirecting(Map.of(
                "http://a.example/one/two?q#frag", "../three/four",
                "http://a.example/three/four#frag", "five?x=1 2",
                "http://a.example/three/five?x=1%202#frag", "//b.example:8080/six#other"), 302);
        Response response = result(new RedirectAgent(inner).request("GET",
                URI.create("http://a.example/one/two?q#frag"), null, null));

        assertThat(inner.sent).extracting(s -> s.uri.toString()).containsExactly(
                "http://a.example/one/two?q#frag",
                "http://a.example/three/four#frag",
                "http://a.example/three/five?x=1%202#frag",
                "http://b.example:8080/six#other");
        assertThat(response.requestUri()).hasToString("http://b.example:8080/six#other");
    }

    @Test
    void redirectBodiesAreReadAndDiscarded() {
        FakeResponse redirect = FakeResponse.streaming(301, "http://a.example/").header("Location", "/x");
        FakeAgent inner = FakeAgent.answering(sent -> sent.uri.getPath().equals("/") ? redirect
                : FakeResponse.of(200, sent.uri.toString()));
        result(new RedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(redirect.bodyAskedFor()).isTrue();
    }

    @Test
    void sensitiveHeadersAreDroppedAcrossOriginsAndStayDropped() {
        FakeAgent inner = redirecting(Map.of(
                "http://a.example/1", "/2",
                "http://a.example/2", "https://a.example/3",
                "https://a.example/3", "http://a.example/4"), 302);
        Headers headers = headers("Authorization", "Basic xyz", "Cookie", "a=b", "cookie2", "c", "Proxy-Authorization",
                "p", "WWW-Authenticate", "w", "X-Token", "t", "Accept", "text/html");
        result(new RedirectAgent(inner, 20, Set.of("x-token")).request("GET", URI.create("http://a.example/1"), headers, null));

        assertThat(inner.sent.get(1).headers).isSameAs(headers);
        for (FakeAgent.Sent later : inner.sent.subList(2, 4)) {
            assertThat(later.header("Authorization")).isNull();
            assertThat(later.header("Cookie")).isNull();
            assertThat(later.header("Cookie2")).isNull();
            assertThat(later.header("Proxy-Authorization")).isNull();
            assertThat(later.header("WWW-Authenticate")).isNull();
            assertThat(later.header("X-Token")).isNull();
            assertThat(later.header("Accept")).isEqualTo("text/html");
        }
        assertThat(headers.get("Authorization")).isEqualTo("Basic xyz");
    }

    @ParameterizedTest
    @CsvSource({
        "http://a.example/, http://a.example:80/x, true",
        "https://a.example/, https://A.EXAMPLE:443/x, true",
        "http://a.example/, http://a.example:8080/x, false",
        "http://a.example/, http://b.example/x, false",
        "http://a.example/, https://a.example/x, false"})
    void originComparesSchemeHostAndEffectivePort(String from, String to, boolean same) {
        FakeAgent inner = redirecting(Map.of(from, to), 307);
        result(new RedirectAgent(inner).request("GET", URI.create(from), headers("Authorization", "x"), null));

        assertThat(inner.sent.get(1).header("Authorization")).isEqualTo(same ? "x" : null);
    }

    @Test
    void cancellingWhileARedirectIsPendingCancelsThatRequest() {
        FakeAgent inner = new FakeAgent();
        Deferred<Response> d = new RedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null);
        inner.sent.get(0).respond(FakeResponse.of(302, "http://a.example/").header("Location", "/next"));
        assertThat(inner.sent).hasSize(2);

        d.cancel();

        assertThat(inner.sent.get(1).cancelled).isTrue();
        assertThat(failure(d)).isInstanceOf(CancelledError.class);
    }

    @Test
    void nonRedirectResponsesPassThroughUntouched() {
        FakeResponse plain = FakeResponse.of(404, "http://a.example/");
        FakeAgent inner = FakeAgent.answering(sent -> plain);
        Response response = result(new RedirectAgent(inner).request("GET", URI.create("http://a.example/"), null, null));

        assertThat(response).isSameAs(plain);
    }

    /** A body that can be produced once only. */
    private static final class OneShotBody implements BodyProducer {
        @Override
        public long length() {
            return 1;
        }

        @Override
        public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
            consumer.accept(ByteBuffer.wrap(new byte[] {1}));
            return Deferred.succeed(null);
        }

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }
}
