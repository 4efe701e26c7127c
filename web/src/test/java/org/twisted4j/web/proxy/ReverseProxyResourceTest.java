package org.twisted4j.web.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.testing.FakeConnector;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** The proxy on in-memory connections: a client's connection to a Site, and the proxy's to the server. */
class ReverseProxyResourceTest {

    private final MemoryReactor reactor = new MemoryReactor();
    private final StringTransport client = new StringTransport();
    private final StringTransport server = new StringTransport();
    private final Protocol clientSide;
    private Protocol serverSide;

    ReverseProxyResourceTest() {
        Resource root = new Resource();
        root.putChild("app", new ReverseProxyResource("backend.example", 8081, "/base"));
        root.putChild("plain", new ReverseProxyResource("backend.example", 80, ""));
        Site site = new Site(root, reactor);
        site.setIdleTimeout(0);
        site.setHeaderTimeout(0);
        clientSide = site.buildProtocol(client.getPeer());
        clientSide.makeConnection(client);
    }

    private void request(String bytes) {
        clientSide.dataReceived(ByteBuffer.wrap(bytes.getBytes(ISO_8859_1)));
    }

    private FakeConnector connector() {
        assertThat(reactor.tcpClients()).hasSize(1);
        return reactor.tcpClients().get(0).connector();
    }

    /** Completes the proxy's connection to the server and returns what the proxy sent it. */
    private String connect() {
        MemoryReactor.TcpClient attempt = reactor.tcpClients().get(0);
        serverSide = attempt.factory().buildProtocol(server.getPeer());
        serverSide.makeConnection(server);
        return server.valueAsString(ISO_8859_1);
    }

    private void respond(String bytes) {
        serverSide.dataReceived(ByteBuffer.wrap(bytes.getBytes(ISO_8859_1)));
    }

    private String clientGot() {
        String got = client.valueAsString(ISO_8859_1).replaceAll("\r\nDate: [^\r]*", "");
        client.clear();
        return got;
    }

    @Test
    void requestGoesToTheServerWithItsPathQueryHostAndForwardedFields() {
        request("GET /app/a%20b/%C3%A9?x=1&y=%20 HTTP/1.1\r\nHost: proxy.example\r\nAccept: */*\r\n"
                + "X-Forwarded-For: 10.1.1.1\r\nX-Forwarded-Proto: https\r\n\r\n");
        assertThat(reactor.tcpClients().get(0).host()).isEqualTo("backend.example");
        assertThat(reactor.tcpClients().get(0).port()).isEqualTo(8081);
        assertThat(connect()).isEqualTo("GET /base/a%20b/%C3%A9?x=1&y=%20 HTTP/1.1\r\nHost: backend.example:8081\r\n"
                + "Accept: */*\r\nX-Forwarded-For: 10.1.1.1, 192.168.1.1\r\nX-Forwarded-Host: proxy.example\r\n"
                + "X-Forwarded-Proto: http\r\nConnection: close\r\n\r\n");
    }

    @Test
    void hostOmitsPort80AndTheRootPathIsASlash() {
        request("GET /plain/ HTTP/1.1\r\nHost: p\r\n\r\n");
        assertThat(connect()).startsWith("GET / HTTP/1.1\r\nHost: backend.example\r\n");
    }

    @Test
    void hopByHopFieldsAndThoseConnectionNamesAreNotForwarded() {
        request("POST /app HTTP/1.1\r\nHost: p\r\nConnection: keep-alive, X-Secret\r\nKeep-Alive: 5\r\n"
                + "X-Secret: s\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Authorization: Basic x\r\nX-Kept: k\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(connect()).isEqualTo("POST /base HTTP/1.1\r\nHost: backend.example:8081\r\nX-Kept: k\r\n"
                + "X-Forwarded-For: 192.168.1.1\r\nX-Forwarded-Host: p\r\nX-Forwarded-Proto: http\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        respond("HTTP/1.1 200 OK\r\nConnection: close, X-Internal\r\nX-Internal: i\r\nKeep-Alive: timeout=5\r\n"
                + "Content-Length: 2\r\nX-Public: p\r\n\r\nok");
        assertThat(clientGot()).isEqualTo(
                "HTTP/1.1 200 OK\r\nServer: twisted4j-web\r\nContent-Length: 2\r\nX-Public: p\r\n\r\nok");
    }

    @Test
    void theHeadReachesTheClientBeforeTheBodyAndTheBodyAsItComes() {
        request("GET /app/x HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/1.1 200 Fine\r\nServer: backend\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                + "Content-Length: 10\r\n\r\n");
        assertThat(client.valueAsString(ISO_8859_1)).isEqualTo("HTTP/1.1 200 Fine\r\nServer: backend\r\n"
                + "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Length: 10\r\n\r\n");
        client.clear();
        respond("01234");
        assertThat(clientGot()).isEqualTo("01234");
        respond("56789");
        assertThat(clientGot()).isEqualTo("56789");
        assertThat(server.isDisconnecting()).isTrue();
        assertThat(client.producer()).isNull();
    }

    @Test
    void aChunkedResponseIsRechunkedForAnHttp11Client() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n");
        assertThat(clientGot()).isEqualTo("HTTP/1.1 200 OK\r\nServer: twisted4j-web\r\nTransfer-Encoding: chunked\r\n"
                + "\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    }

    @Test
    void aBodyUntilCloseEndsWithTheConnectionForAnHttp10Client() {
        request("GET /app HTTP/1.0\r\n\r\n");
        connect();
        respond("HTTP/1.0 200 OK\r\n\r\nsome");
        respond(" more");
        serverSide.connectionLost(new Failure(new ConnectionDone()));
        assertThat(clientGot()).isEqualTo("HTTP/1.1 200 OK\r\nServer: twisted4j-web\r\nConnection: close\r\n\r\n"
                + "some more");
        assertThat(client.isDisconnecting()).isTrue();
        assertThat(client.isAborted()).isFalse();
    }

    @Test
    void aSlowClientPausesReadingFromTheServer() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        assertThat(client.producer()).isInstanceOf(ProxyExchange.class);
        PushProducer producer = (PushProducer) client.producer();
        producer.pauseProducing();
        assertThat(server.producerState()).isEqualTo(ProducerState.PAUSED);
        producer.resumeProducing();
        assertThat(server.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void theRequestBodyStreamsToTheServerAsItArrivesWithItsLength() {
        request("PUT /app/up HTTP/1.1\r\nHost: p\r\nContent-Length: 10\r\n\r\n01234");
        assertThat(client.producerState()).as("the body waits while the connection is made")
                .isEqualTo(ProducerState.PAUSED);
        assertThat(connect()).startsWith("PUT /base/up HTTP/1.1\r\n").contains("\r\nContent-Length: 10\r\n")
                .endsWith("\r\nConnection: close\r\n\r\n01234");
        assertThat(client.producerState()).isEqualTo(ProducerState.PRODUCING);
        server.clear();
        request("567");
        assertThat(server.valueAsString(ISO_8859_1)).isEqualTo("567");
        request("89");
        assertThat(server.valueAsString(ISO_8859_1)).isEqualTo("56789");
        respond("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(clientGot()).startsWith("HTTP/1.1 201 Created\r\n");
        assertThat(server.isDisconnecting()).isTrue();
    }

    @Test
    void aFullServerConnectionPausesReadingTheClientsBody() {
        request("POST /app HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        connect();
        assertThat(server.producer()).isInstanceOf(PushProducer.class);
        PushProducer backend = (PushProducer) server.producer();
        backend.pauseProducing();
        assertThat(client.producerState()).isEqualTo(ProducerState.PAUSED);
        backend.resumeProducing();
        assertThat(client.producerState()).isEqualTo(ProducerState.PRODUCING);
        server.clear();
        request("2\r\nde\r\n0\r\n\r\n");
        assertThat(server.valueAsString(ISO_8859_1)).isEqualTo("2\r\nde\r\n0\r\n\r\n");
        assertThat(server.producer()).isNull();
    }

    @Test
    void anErrorFromTheServerStopsTheBodyAndTheClientIsAnswered() {
        request("POST /app HTTP/1.1\r\nHost: p\r\nContent-Length: 100\r\n\r\nabc");
        connect();
        respond("HTTP/1.1 413 Too Large\r\nContent-Length: 4\r\n\r\nbig!");
        assertThat(server.isDisconnecting()).isTrue();
        assertThat(clientGot()).startsWith("HTTP/1.1 413 Too Large\r\n").contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nbig!");
        server.clear();
        request("more of the body, read and dropped");
        assertThat(server.valueAsString(ISO_8859_1)).isEmpty();
    }

    @Test
    void aRefusedConnectionWhileTheBodyWaitsIs502() {
        request("POST /app HTTP/1.1\r\nHost: p\r\nContent-Length: 100\r\n\r\nabc");
        connector().failConnection(new ConnectionRefusedError(connector().getDestination()));
        assertThat(clientGot()).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("Could not connect");
    }

    @Test
    void aRefusedConnectionIs502() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connector().failConnection(new ConnectionRefusedError(connector().getDestination()));
        assertThat(clientGot()).startsWith("HTTP/1.1 502 Bad Gateway\r\n")
                .contains("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .contains("<h1>Bad Gateway</h1>").contains("Could not connect");
    }

    @Test
    void anUnreadableResponseHeadIs502() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/9 what\r\n\r\n");
        assertThat(clientGot()).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("could not be read");
        assertThat(server.isAborted()).isTrue();
    }

    @Test
    void aServerClosingInTheBodyAbortsTheClient() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        serverSide.connectionLost(new Failure(new ConnectionLost()));
        assertThat(clientGot()).endsWith("\r\n\r\n3\r\nabc\r\n");
        assertThat(client.isAborted()).isTrue();
    }

    @Test
    void theClientGoingAwayAbortsTheServerConnection() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        connect();
        respond("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
        clientSide.connectionLost(new Failure(new ConnectionLost()));
        assertThat(server.isAborted()).isTrue();
    }

    @Test
    void theClientGoingAwayBeforeTheConnectionCallsTheAttemptOff() {
        request("GET /app HTTP/1.1\r\nHost: p\r\n\r\n");
        clientSide.connectionLost(new Failure(new ConnectionLost()));
        assertThat(connector().isDisconnected() || connector().isStoppedConnecting()).isTrue();
    }

    @Test
    void headResponsesKeepTheirLengthAndHaveNoBody() {
        request("HEAD /app HTTP/1.1\r\nHost: p\r\n\r\n");
        assertThat(connect()).startsWith("HEAD /base HTTP/1.1\r\n");
        respond("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
        assertThat(clientGot()).isEqualTo("HTTP/1.1 200 OK\r\nServer: twisted4j-web\r\nContent-Length: 1234\r\n\r\n");
        assertThat(server.isDisconnecting()).isTrue();
    }

    @Test
    void segmentsAreQuotedAsTwistedQuotesThem() {
        assertThat(ReverseProxyResource.quoteSegment("a b/c?d%e~f-g.h_i")).isEqualTo("a%20b%2Fc%3Fd%25e~f-g.h_i");
        assertThat(ReverseProxyResource.quoteSegment("\u00e9")).isEqualTo("%C3%A9");
    }
}
