package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.TlsServerEndpoint;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** The proxy agent through a real forward proxy (tinyproxy) to our Site, over plain http and CONNECT tunnels. */
@ExtendWith(TrialExtension.class)
class ProxyAgentInteropTest {

    /** Answers with what it saw: method, target, Host and the proxy's port towards it (one per connection). */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) {
            return (request.getMethod() + " " + request.getUri() + " host=" + request.getHeader("Host") + " port="
                    + ((IPv4Address) request.getClientAddress()).port() + " secure=" + request.isSecure() + " body="
                    + new String(request.content(), UTF_8)).getBytes(UTF_8);
        }
    }

    private NioReactor reactor;
    private Tinyproxy proxy;
    private ListeningPort plain;
    private ListeningPort secure;
    private PrivateCertificate certificate;
    private HTTPConnectionPool pool;

    @BeforeEach
    void start(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.TINYPROXY.require();
        this.reactor = reactor;
        Resource root = new Resource();
        root.putChild("echo", new Echo());
        Site site = new Site(root, reactor);
        site.setIdleTimeout(0);
        plain = reactor.listenTCP(0, site, 50, "127.0.0.1");
        certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();
        secure = Coroutine.await(new TlsServerEndpoint(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1"),
                CertificateOptions.builder().certificate(certificate).build()).listen(site));
        proxy = Tinyproxy.start(reactor, dir, List.of(port(secure)), "alice s3cret");
        pool = HTTPConnectionPool.create(reactor);
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy == null) {
            return;
        }
        Coroutine.await(pool.closeCachedConnections());
        proxy.stop(reactor);
        Coroutine.await(plain.stopListening());
        Coroutine.await(secure.stopListening());
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    private ProxyAgent.Builder agent() {
        return ProxyAgent.builder(reactor, "127.0.0.1", proxy.port()).pool(pool)
                .tlsPolicy(TlsPolicy.trusting(TrustRoot.of(certificate.certificate())));
    }

    private static String fetch(HttpAgent agent, String method, String uri, String body) throws Exception {
        Response response = Coroutine.await(agent.request(method, URI.create(uri), null,
                body.isEmpty() ? null : BytesBodyProducer.of(body.getBytes(UTF_8))));
        String text = new String(Coroutine.await(response.readBody()), UTF_8);
        assertThat(response.code()).as(text).isEqualTo(200);
        return text;
    }

    private static Throwable failure(HttpAgent agent, String uri) {
        try {
            Coroutine.await(agent.request("GET", URI.create(uri), null, null));
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the request to " + uri + " succeeded");
    }

    @Test
    void plainRequestsGoThroughTheProxyWithCredentials() throws Exception {
        // tinyproxy closes its client's connection after each response without saying so (HTTP/1.1, no
        // Connection: close): a kept connection would meet a POST with a close, so none is kept here.
        ProxyAgent agent = agent().pool(HTTPConnectionPool.builder(reactor).persistent(false).build())
                .proxyCredentials("alice", "s3cret").build();
        String url = "http://127.0.0.1:" + port(plain) + "/echo?x=1";
        assertThat(fetch(agent, "GET", url, "")).startsWith("GET /echo?x=1 host=127.0.0.1:" + port(plain) + " ")
                .endsWith(" secure=false body=");
        assertThat(fetch(agent, "POST", url, "a=b")).startsWith("POST /echo?x=1 ").endsWith(" body=a=b");
        assertThat(proxy.log()).contains("GET http://127.0.0.1:" + port(plain) + "/echo?x=1 HTTP/1.1");
    }

    @Test
    void httpsGoesThroughAKeptTunnelCheckedAgainstTheOrigin() throws Exception {
        ProxyAgent agent = agent().proxyCredentials("alice", "s3cret").build();
        String url = "https://localhost:" + port(secure) + "/echo";
        String first = fetch(agent, "GET", url, "");
        String second = fetch(agent, "POST", url, "through");
        assertThat(first).startsWith("GET /echo host=localhost:" + port(secure) + " ").contains(" secure=true ");
        assertThat(second).startsWith("POST /echo ").endsWith(" body=through");
        assertThat(second.split(" ")[3]).as("the tunnel is reused").isEqualTo(first.split(" ")[3]);
        assertThat(pool.cachedConnectionCount()).isEqualTo(1);
        assertThat(proxy.log()).contains("CONNECT localhost:" + port(secure) + " HTTP/1.1");
    }

    @Test
    void theOriginsCertificateIsCheckedAgainstTheOriginsName() {
        ProxyAgent agent = agent().proxyCredentials("alice", "s3cret").build();
        assertThat(failure(agent, "https://127.0.0.1:" + port(secure) + "/echo"))
                .as("the certificate is trusted, but names localhost, not 127.0.0.1")
                .isInstanceOf(ResponseNeverReceived.class).hasCauseInstanceOf(TlsError.class);
        ProxyAgent browserLike = ProxyAgent.builder(reactor, "127.0.0.1", proxy.port()).pool(pool)
                .proxyCredentials("alice", "s3cret").build();
        assertThat(failure(browserLike, "https://localhost:" + port(secure) + "/echo"))
                .as("self-signed, refused by default").hasCauseInstanceOf(TlsError.class);
    }

    @Test
    void withoutCredentialsThePlainRequestGets407AndTheTunnelFailsWithIt() throws Exception {
        ProxyAgent agent = agent().build();
        Response response = Coroutine.await(agent.request("GET",
                URI.create("http://127.0.0.1:" + port(plain) + "/echo"), null, null));
        Coroutine.await(response.readBody());
        assertThat(response.code()).isEqualTo(407);
        assertThat(failure(agent, "https://localhost:" + port(secure) + "/echo"))
                .isInstanceOfSatisfying(ProxyTunnelError.class, error -> assertThat(error.code()).isEqualTo(407));
    }

    @Test
    void aTunnelToAPortTheProxyForbidsFailsWithItsStatus() {
        ProxyAgent agent = agent().proxyCredentials("alice", "s3cret").build();
        assertThat(failure(agent, "https://localhost:" + port(plain) + "/echo"))
                .isInstanceOfSatisfying(ProxyTunnelError.class, error -> {
                    assertThat(error.code()).isEqualTo(403);
                    assertThat(error.target()).isEqualTo("localhost:" + port(plain));
                });
    }
}
