package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.HostResolver;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.TlsServerEndpoint;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.BlockResource;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** The agent against our own Site on loopback, over TCP and TLS. */
@ExtendWith(TrialExtension.class)
class AgentIntegrationTest {

    static final int BLOCK = 64 * 1024;
    static final int BLOCKS = 64; // 4 MiB

    /** Answers with the method, the client's port (one per connection), and the body's length and CRC. */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) {
            byte[] body = request.content();
            CRC32 crc = new CRC32();
            crc.update(body);
            return (request.getMethod() + " " + request.getUri() + " port="
                    + ((IPv4Address) request.getClientAddress()).port() + " length=" + body.length + " crc="
                    + crc.getValue() + " te=" + request.getHeader("Transfer-Encoding")).getBytes(UTF_8);
        }
    }

    static byte[] block(long index) {
        byte[] bytes = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            bytes[i] = (byte) (index * 131 + i * 7 + (i >> 8));
        }
        return bytes;
    }

    private NioReactor reactor;
    private final List<ListeningPort> ports = new ArrayList<>();
    private HTTPConnectionPool pool;
    private Agent agent;
    private String base;

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        Site site = new Site(root(), reactor);
        site.setIdleTimeout(0);
        ListeningPort port = reactor.listenTCP(0, site, 50, "127.0.0.1");
        ports.add(port);
        base = "http://127.0.0.1:" + ((IPv4Address) port.getHost()).port();
        pool = HTTPConnectionPool.create(reactor);
        agent = Agent.builder(reactor).pool(pool).build();
    }

    static Resource root() {
        Resource root = new Resource();
        root.putChild("echo", new Echo());
        root.putChild("big", new BlockResource(BLOCKS, BLOCK, AgentIntegrationTest::block)); // 4 MiB
        return root;
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(pool.closeCachedConnections());
        for (ListeningPort port : ports) {
            Coroutine.await(port.stopListening());
        }
    }

    String fetch(Agent with, String method, String uri, @Nullable BodyProducer body) throws Exception {
        Response response = Coroutine.await(with.request(method, URI.create(uri), null, body));
        assertThat(response.code()).isEqualTo(200);
        return new String(Coroutine.await(response.readBody()), UTF_8);
    }

    static String port(String echoed) {
        return echoed.replaceAll(".* port=(\\d+) .*", "$1");
    }

    /** What a receiver read that pauses after each piece and resumes on the next turn of the reactor. */
    record SlowRead(long bytes, long crc, long pieces) {
    }

    /** Reads the body as a slow receiver: one piece per turn of the reactor. */
    static SlowRead readSlowly(NioReactor reactor, Response response) throws Exception {
        CRC32 crc = new CRC32();
        long[] counts = new long[2]; // bytes, pieces
        Deferred<@Nullable Void> done = new Deferred<>();
        response.deliverBody(new BodyReceiver() {
            @Override
            public void dataReceived(ByteBuffer piece) {
                counts[0] += piece.remaining();
                crc.update(piece);
                counts[1]++;
                response.pauseBody();
                reactor.callLater(0, response::resumeBody);
            }

            @Override
            public void bodyFinished() {
                done.callback(null);
            }

            @Override
            public void bodyFailed(Failure reason) {
                done.errback(reason);
            }
        });
        Coroutine.await(done);
        return new SlowRead(counts[0], crc.getValue(), counts[1]);
    }

    @Test
    void sequentialRequestsShareOneConnectionUntilThePoolIsEmptied() throws Exception {
        String first = fetch(agent, "GET", base + "/echo?a=1", null);
        String second = fetch(agent, "GET", base + "/echo/more", null);
        assertThat(first).startsWith("GET /echo?a=1 port=");
        assertThat(second).startsWith("GET /echo/more port=");
        assertThat(port(second)).isEqualTo(port(first));
        assertThat(pool.cachedConnectionCount()).isEqualTo(1);
        Coroutine.await(pool.closeCachedConnections());
        String third = fetch(agent, "GET", base + "/echo", null);
        assertThat(port(third)).isNotEqualTo(port(first));
    }

    @Test
    void anAgentGivenAResolverLooksHostNamesUpWithIt() throws Exception {
        List<String> asked = new ArrayList<>();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HostResolver table = host -> {
            asked.add(host);
            return host.equals("app.corp.test")
                    ? Deferred.succeed(List.of(loopback))
                    : Deferred.fail(new DNSLookupError(host));
        };
        Agent named = Agent.builder(reactor, table).pool(pool).build();
        String port = base.substring(base.lastIndexOf(':') + 1);
        assertThat(fetch(named, "GET", "http://app.corp.test:" + port + "/echo", null)).startsWith("GET /echo ");
        assertThat(asked).containsExactly("app.corp.test");
    }

    @Test
    void aNonPersistentAgentUsesAConnectionPerRequest() throws Exception {
        HTTPConnectionPool single = HTTPConnectionPool.builder(reactor).persistent(false).build();
        Agent once = Agent.builder(reactor).pool(single).build();
        String first = fetch(once, "GET", base + "/echo", null);
        String second = fetch(once, "GET", base + "/echo", null);
        assertThat(port(second)).isNotEqualTo(port(first));
        assertThat(single.cachedConnectionCount()).isZero();
    }

    @Test
    void bodiesOfKnownAndUnknownLengthArriveWhole(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * BLOCK + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        Path file = Files.write(dir.resolve("upload.bin"), data);
        assertThat(fetch(agent, "PUT", base + "/echo", new FileBodyProducer(reactor, file)))
                .endsWith(" length=" + data.length + " crc=" + crc.getValue() + " te=null");
        assertThat(fetch(agent, "POST", base + "/echo", new FileBodyProducer(reactor, Files.newInputStream(file))))
                .endsWith(" length=" + data.length + " crc=" + crc.getValue() + " te=chunked");
        assertThat(fetch(agent, "POST", base + "/echo", BytesBodyProducer.of("x=1".getBytes(ISO_8859_1))))
                .contains(" length=3 ");
    }

    @Test
    void aLargeResponseStreamsWhileTheReceiverPausesAndResumes() throws Exception {
        for (String uri : List.of(base + "/big", base + "/big?chunked=1")) {
            Response response = Coroutine.await(agent.request("GET", URI.create(uri), null, null));
            SlowRead read = readSlowly(reactor, response);
            assertThat(read.bytes()).isEqualTo((long) BLOCK * BLOCKS);
            assertThat(read.crc()).isEqualTo(BlockResource.crc(BLOCKS, AgentIntegrationTest::block));
            assertThat(read.pieces()).isGreaterThan(1);
        }
        assertThat(pool.cachedConnectionCount()).isEqualTo(1);
    }

    @Test
    void headAndNotFoundAreRead() throws Exception {
        Response head = Coroutine.await(agent.request("HEAD", URI.create(base + "/echo"), null, null));
        assertThat(head.code()).isEqualTo(200);
        assertThat(head.headers().get("Content-Length")).isNotNull();
        assertThat(Coroutine.await(head.readBody())).isEmpty();
        Response missing = Coroutine.await(agent.request("GET", URI.create(base + "/nothing"), null, null));
        assertThat(missing.code()).isEqualTo(404);
        assertThat(new String(Coroutine.await(missing.readBody()), UTF_8)).contains("No Such Resource");
    }

    @Test
    void aConnectionRefusedFailsTheRequest() throws Exception {
        ListeningPort closed = ports.remove(0);
        Coroutine.await(closed.stopListening());
        Deferred<Response> d = agent.request("GET", URI.create(base + "/echo"), null, null);
        Throwable error = null;
        try {
            Coroutine.await(d);
        } catch (Exception e) {
            error = e;
        }
        assertThat(error).isInstanceOf(org.twisted4j.internet.ConnectError.class);
    }

    @Test
    void httpsChecksTheCertificateAndTheHostNameAndAcceptsATrustedOne() throws Exception {
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build();
        Site site = new Site(root(), reactor);
        site.setIdleTimeout(0);
        ListeningPort port = Coroutine.await(new TlsServerEndpoint(new TCP4ServerEndpoint(reactor, 0, 50, "127.0.0.1"),
                CertificateOptions.builder().certificate(certificate).build()).listen(site));
        ports.add(port);
        int number = ((IPv4Address) port.getHost()).port();
        String byName = "https://localhost:" + number + "/echo";
        String byAddress = "https://127.0.0.1:" + number + "/echo";

        assertThat(failure(agent, byName)).as("verification is on by default: a self-signed certificate is refused")
                .isInstanceOf(ResponseNeverReceived.class).hasCauseInstanceOf(TlsError.class);

        Agent trusting = Agent.builder(reactor).pool(pool).tlsPolicy(TlsPolicy.trusting(TrustRoot.of(
                certificate.certificate()))).build();
        assertThat(failure(trusting, byAddress)).as("trusted, but not for this name")
                .isInstanceOf(ResponseNeverReceived.class).hasCauseInstanceOf(TlsError.class);
        String first = fetch(trusting, "GET", byName, null);
        String second = fetch(trusting, "GET", byName, null);
        assertThat(first).startsWith("GET /echo port=");
        assertThat(port(second)).as("the TLS connection is reused").isEqualTo(port(first));
    }

    private static Throwable failure(Agent with, String uri) {
        try {
            Coroutine.await(with.request("GET", URI.create(uri), null, null));
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the request to " + uri + " succeeded");
    }
}
