package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.BlockResource;
import org.twisted4j.web.Site;
import org.twisted4j.web.client.AgentIntegrationTest.Echo;

/** The agent against our own Site over HTTP/2: h2c with prior knowledge, and h2 chosen by ALPN over TLS. */
@ExtendWith(TrialExtension.class)
class AgentHttp2IntegrationTest {

    /** A Site that counts the connections it takes. */
    static final class CountingSite extends Site {
        int connections;

        CountingSite(NioReactor reactor) {
            super(AgentIntegrationTest.root(), reactor);
            setIdleTimeout(0);
            setHeaderTimeout(0);
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            connections++;
            return super.buildProtocol(peer);
        }
    }

    private NioReactor reactor;
    private CountingSite site;
    private HTTPConnectionPool pool;
    private final List<org.twisted4j.internet.ListeningPort> ports = new ArrayList<>();

    @BeforeEach
    void setUp(NioReactor reactor) {
        this.reactor = reactor;
        site = new CountingSite(reactor);
        pool = HTTPConnectionPool.create(reactor);
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(pool.closeCachedConnections());
        for (org.twisted4j.internet.ListeningPort port : ports) {
            Coroutine.await(port.stopListening());
        }
    }

    private String listenPlain() {
        org.twisted4j.internet.ListeningPort port = reactor.listenTCP(0, site, 50, "127.0.0.1");
        ports.add(port);
        return "http://127.0.0.1:" + ((org.twisted4j.internet.IPv4Address) port.getHost()).port();
    }

    private String listenTls(PrivateCertificate certificate) {
        CertificateOptions options = CertificateOptions.builder().certificate(certificate).build();
        org.twisted4j.internet.ListeningPort port = reactor.listenTCP(0, new TlsFactory(options, site, false), 50,
                "127.0.0.1");
        ports.add(port);
        return "https://localhost:" + ((org.twisted4j.internet.IPv4Address) port.getHost()).port();
    }

    private Agent h2cAgent() {
        return Agent.builder(reactor).pool(pool).http2PriorKnowledge(true).build();
    }

    /** Sends {@code count} GETs at once and returns their bodies, checking each came over HTTP/2. */
    private List<String> concurrently(Agent agent, String base, int count) throws Exception {
        List<Deferred<Response>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(agent.request("GET", URI.create(base + "/echo?n=" + i), null, null));
        }
        List<String> bodies = new ArrayList<>();
        for (Deferred<Response> each : sent) {
            Response response = Coroutine.await(each);
            assertThat(response.version()).isEqualTo("HTTP/2");
            assertThat(response.code()).isEqualTo(200);
            bodies.add(new String(Coroutine.await(response.readBody()), UTF_8));
        }
        return bodies;
    }

    private static Set<String> clientPorts(List<String> bodies) {
        Set<String> portsSeen = new HashSet<>();
        for (String body : bodies) {
            portsSeen.add(AgentIntegrationTest.port(body));
        }
        return portsSeen;
    }

    @Test
    void priorKnowledgeSpeaksHttp2OnPlainTcp() throws Exception {
        String base = listenPlain();
        Response response = Coroutine.await(h2cAgent().request("GET", URI.create(base + "/echo?a=1"), null, null));
        assertThat(response.version()).isEqualTo("HTTP/2");
        assertThat(response.phrase()).isEmpty();
        assertThat(new String(Coroutine.await(response.readBody()), UTF_8)).startsWith("GET /echo?a=1 port=");
    }

    @Test
    void fiftyConcurrentRequestsAreMultiplexedOnOneH2cConnection() throws Exception {
        String base = listenPlain();
        List<String> bodies = concurrently(h2cAgent(), base, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(bodies.get(i)).startsWith("GET /echo?n=" + i + " port=");
        }
        assertThat(clientPorts(bodies)).hasSize(1);
        assertThat(site.connections).isEqualTo(1);
    }

    @Test
    void alpnChoosesH2AndFiftyConcurrentRequestsShareOneTlsConnection() throws Exception {
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();
        String base = listenTls(certificate);
        Agent agent = Agent.builder(reactor).pool(pool)
                .tlsPolicy(TlsPolicy.trusting(TrustRoot.of(certificate.certificate()))).build();
        List<String> bodies = concurrently(agent, base, 50);
        assertThat(clientPorts(bodies)).hasSize(1);
        assertThat(site.connections).isEqualTo(1);
        assertThat(concurrently(agent, base, 3)).as("later requests reuse the connection").hasSize(3);
        assertThat(site.connections).isEqualTo(1);
    }

    @Test
    void withoutHttp2TheTlsConnectionSpeaksHttp11() throws Exception {
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();
        String base = listenTls(certificate);
        Agent agent = Agent.builder(reactor).pool(pool).http2(false)
                .tlsPolicy(TlsPolicy.trusting(TrustRoot.of(certificate.certificate()))).build();
        Response response = Coroutine.await(agent.request("GET", URI.create(base + "/echo"), null, null));
        assertThat(response.version()).isEqualTo("HTTP/1.1");
        Coroutine.await(response.readBody());
    }

    @Test
    void largeBodiesGoBothWaysUnderFlowControl() throws Exception {
        String base = listenPlain();
        Agent agent = h2cAgent();
        byte[] upload = new byte[5 * 65_536 + 17];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 31);
        }
        CRC32 sent = new CRC32();
        sent.update(upload);
        Response posted = Coroutine.await(agent.request("POST", URI.create(base + "/echo"), null,
                BytesBodyProducer.of(upload)));
        assertThat(new String(Coroutine.await(posted.readBody()), UTF_8))
                .endsWith(" length=" + upload.length + " crc=" + sent.getValue() + " te=null");

        Response big = Coroutine.await(agent.request("GET", URI.create(base + "/big"), null, null));
        AgentIntegrationTest.SlowRead read = AgentIntegrationTest.readSlowly(reactor, big);
        assertThat(read.bytes()).isEqualTo((long) AgentIntegrationTest.BLOCK * AgentIntegrationTest.BLOCKS);
        assertThat(read.crc()).isEqualTo(BlockResource.crc(AgentIntegrationTest.BLOCKS, AgentIntegrationTest::block));
        assertThat(site.connections).isEqualTo(1);
    }

    @Test
    void aCancelledRequestResetsItsStreamAndTheConnectionGoesOn() throws Exception {
        String base = listenPlain();
        Agent agent = h2cAgent();
        Response big = Coroutine.await(agent.request("GET", URI.create(base + "/big"), null, null));
        Deferred<byte[]> body = big.readBody();
        Throwable[] seen = new Throwable[1];
        body.addErrback(failure -> {
            seen[0] = failure.value();
            return null;
        });
        body.cancel();
        assertThat(seen[0]).isInstanceOf(org.twisted4j.defer.CancelledError.class);
        String after = new String(Coroutine.await(Coroutine.await(agent.request("GET", URI.create(base + "/echo"),
                null, null)).readBody()), UTF_8);
        assertThat(after).startsWith("GET /echo port=");
        assertThat(site.connections).isEqualTo(1);
    }
}
