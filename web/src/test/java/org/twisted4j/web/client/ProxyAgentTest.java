package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.web.Headers;
import org.twisted4j.web.client.FakeEndpoints.Conn;

/** The proxy agent on in-memory connections to the proxy: the bytes it sends, the tunnel's exchange, failures. */
class ProxyAgentTest {

    final Clock clock = new Clock();
    final FakeEndpoints endpoints = new FakeEndpoints();
    final StreamClientEndpoint proxy = endpoints.endpointForUri(URI.create("http://proxy.example:3128/"));
    final HTTPConnectionPool pool = HTTPConnectionPool.create(clock);

    ProxyAgent agent(boolean credentials) {
        ProxyAgent.Builder builder = ProxyAgent.usingEndpoint(clock, proxy).pool(pool)
                .connectTimeout(Duration.ofSeconds(10));
        if (credentials) {
            builder.proxyCredentials("alice", "s3cret");
        }
        return builder.build();
    }

    Outcome<Response> get(HttpAgent agent, String uri) {
        return Outcome.of(agent.request("GET", URI.create(uri), null, null));
    }

    @Test
    void plainRequestsGoToTheProxyInAbsoluteFormWithTheOriginsHost() {
        Outcome<Response> got = get(agent(false), "http://Example.org:8080/a/b?x=1&y=%20");
        assertThat(endpoints.connections).hasSize(1);
        assertThat(endpoints.last().take()).isEqualTo(
                "GET http://Example.org:8080/a/b?x=1&y=%20 HTTP/1.1\r\nHost: Example.org:8080\r\n\r\n");
        endpoints.last().answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        assertThat(got.value().code()).isEqualTo(200);
    }

    @Test
    void plainRequestsToEveryOriginShareTheProxysConnection() {
        ProxyAgent agent = agent(false);
        Outcome<Response> first = get(agent, "http://one.example/");
        Conn conn = endpoints.last();
        assertThat(conn.take()).startsWith("GET http://one.example/ HTTP/1.1\r\nHost: one.example\r\n");
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1");
        assertThat(new String(Outcome.of(first.value().readBody()).value())).isEqualTo("1");
        Outcome<Response> second = get(agent, "http://two.example:81/x");
        assertThat(endpoints.connections).hasSize(1);
        assertThat(conn.take()).startsWith("GET http://two.example:81/x HTTP/1.1\r\nHost: two.example:81\r\n");
        conn.answer("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(second.value().code()).isEqualTo(204);
    }

    @Test
    void credentialsGoAsBasicProxyAuthorizationOnPlainRequests() {
        Headers headers = new Headers();
        headers.add("Accept", "*/*");
        agent(true).request("POST", URI.create("http://example.org/form"), headers,
                BytesBodyProducer.of(new byte[] {'a', 'b'}));
        assertThat(endpoints.last().take()).isEqualTo("POST http://example.org/form HTTP/1.1\r\n"
                + "Host: example.org\r\nAccept: */*\r\nProxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                + "Content-Length: 2\r\n\r\nab");
        assertThat(headers.contains("Proxy-Authorization")).as("the caller's headers are not changed").isFalse();
    }

    @Test
    void httpsOpensATunnelWithConnectAndThenSpeaksTlsInsideIt() {
        Outcome<Response> got = get(agent(true), "https://secure.example/path");
        Conn conn = endpoints.last();
        assertThat(conn.take()).isEqualTo("CONNECT secure.example:443 HTTP/1.1\r\nHost: secure.example:443\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n\r\n");
        conn.answer("HTTP/1.1 200 Connection established\r\n\r\n");
        byte[] hello = conn.transport.value();
        assertThat(hello).as("a TLS handshake record, not the request in clear").isNotEmpty();
        assertThat(hello[0]).isEqualTo((byte) 0x16);
        assertThat(conn.transport.valueAsString(java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("secure.example").doesNotContain("GET ").doesNotContain("Proxy-Authorization");
        assertThat(got.fired()).isFalse();
    }

    @Test
    void anInterimAnswerToConnectIsSkipped() {
        get(agent(false), "https://secure.example:8443/");
        Conn conn = endpoints.last();
        assertThat(conn.take()).startsWith("CONNECT secure.example:8443 HTTP/1.1\r\n");
        conn.answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n");
        assertThat(conn.transport.value()[0]).isEqualTo((byte) 0x16);
    }

    @Test
    void aRefusedTunnelFailsTheRequestWithTheProxysStatus() {
        Outcome<Response> got = get(agent(false), "https://secure.example/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(got.failure()).isInstanceOfSatisfying(ProxyTunnelError.class, error -> {
            assertThat(error.code()).isEqualTo(407);
            assertThat(error.phrase()).isEqualTo("Proxy Authentication Required");
            assertThat(error.target()).isEqualTo("secure.example:443");
            assertThat(error).hasMessage("the proxy refused a tunnel to secure.example:443: 407 Proxy "
                    + "Authentication Required");
        });
        assertThat(conn.transport.isAborted()).isTrue();
    }

    @Test
    void aHeadSplitAcrossReadsIsReadWhole() {
        Outcome<Response> got = get(agent(false), "https://secure.example/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 403 Forb").answer("idden\r\nVia: 1.1 p\r").answer("\n\r").answer("\n");
        assertThat(((ProxyTunnelError) got.failure()).code()).isEqualTo(403);
    }

    @Test
    void aProxyClosingBeforeItAnswersFailsTheRequest() {
        Outcome<Response> got = get(agent(false), "https://secure.example/");
        endpoints.last().closed();
        assertThat(got.failure()).isInstanceOfSatisfying(ProxyTunnelError.class,
                error -> assertThat(error.code()).isEqualTo(ProxyTunnelError.NO_ANSWER));
    }

    @Test
    void somethingNotHttpFromTheProxyFailsTheRequest() {
        Outcome<Response> got = get(agent(false), "https://secure.example/");
        endpoints.last().answer("SSH-2.0-OpenSSH\r\n\r\n");
        assertThat(got.failure()).isInstanceOf(ProxyTunnelError.class).hasMessageContaining("not an HTTP response");
        assertThat(endpoints.last().transport.isAborted()).isTrue();
    }

    @Test
    void noAnswerToConnectWithinTheConnectTimeoutFailsTheRequest() {
        Outcome<Response> got = get(agent(false), "https://secure.example/");
        clock.advance(9.9);
        assertThat(got.fired()).isFalse();
        clock.advance(0.2);
        assertThat(got.failure()).isInstanceOf(ProxyTunnelError.class).hasCauseInstanceOf(TimeoutError.class);
        assertThat(endpoints.last().transport.isAborted()).isTrue();
    }

    @Test
    void cancellingWhileTheTunnelOpensAbortsTheConnection() {
        var deferred = agent(false).request("GET", URI.create("https://secure.example/"), null, null);
        Outcome<Response> got = Outcome.of(deferred);
        deferred.cancel();
        assertThat(got.failure()).isInstanceOf(CancelledError.class);
        assertThat(endpoints.last().transport.isAborted()).isTrue();
        clock.advance(60);
    }

    @Test
    void tunnelsArePooledPerOriginApartFromPlainRequests() {
        assertThat(PoolKey.tunnel(URI.create("https://a.example/"), "p"))
                .isEqualTo(PoolKey.tunnel(URI.create("https://A.example:443/x"), "p"))
                .isNotEqualTo(PoolKey.tunnel(URI.create("https://b.example/"), "p"))
                .isNotEqualTo(PoolKey.tunnel(URI.create("https://a.example/"), "q"))
                .isNotEqualTo(PoolKey.of(URI.create("https://a.example/")));
        assertThat(PoolKey.proxy("p")).isEqualTo(PoolKey.proxy("p")).isNotEqualTo(PoolKey.proxy("q"));
    }
}
