package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.trial.TrialExtension;

/**
 * TLS servers of ours against TLS clients that are not: Python's ssl module against the echo server started
 * from an {@code ssl:} endpoint, {@code openssl s_client} with and without a client certificate, and curl
 * over HTTPS. Needs the Debian packages python3, openssl and curl.
 */
@ExtendWith(TrialExtension.class)
class TlsInteropTest {

    @TempDir
    static Path dir;
    private static PrivateCertificate ca;
    private static Path caPem;
    private static Path serverKey;
    private static Path serverCert;
    private static Path clientKey;
    private static Path clientCert;

    @BeforeAll
    static void makeCertificates() throws Exception {
        ca = CertificateBuilder.authority("twisted4j test CA").build();
        PrivateCertificate server = CertificateBuilder.issuedBy(ca, "localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build();
        PrivateCertificate client = CertificateBuilder.issuedBy(ca, "alice").build();
        caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatesPem());
        serverKey = dir.resolve("server-key.pem");
        serverCert = dir.resolve("server-cert.pem");
        server.save(serverKey, serverCert);
        clientKey = dir.resolve("client-key.pem");
        clientCert = dir.resolve("client-cert.pem");
        client.save(clientKey, clientCert);
    }

    /** Echoes one line, then closes: a peer that waits for the server to close gets an end. */
    static final class OneLineEcho extends LineReceiver {
        @Override
        protected void lineReceived(byte[] line) {
            sendLine(line);
            transport().loseConnection();
        }
    }

    /** Answers any request with the same small HTTP/1.1 response, then closes. */
    static final class FixedHttpResponse extends Protocol {
        static final String BODY = "hello over TLS\n";
        private final StringBuilder request = new StringBuilder();

        @Override
        public void dataReceived(ByteBuffer data) {
            request.append(US_ASCII.decode(data));
            if (request.indexOf("\r\n\r\n") >= 0) {
                transport().write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                        + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY).getBytes(US_ASCII)));
                transport().loseConnection();
                request.setLength(0);
            }
        }
    }

    private static ListeningPort listenTls(NioReactor reactor, CertificateOptions.Builder options, Factory factory) {
        options.certificate(PrivateCertificate.load(serverKey, serverCert, null));
        return reactor.listenTCP(0, new TlsFactory(options.build(), factory, false), 50, "127.0.0.1");
    }

    private static String port(ListeningPort port) {
        return String.valueOf(EchoServerTest.portNumber(port));
    }

    @Test
    void echoServerFromAnSslEndpointEchoesToPythonsSslModule(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(EchoServer.start(reactor,
                "ssl:0:interface=127.0.0.1:privateKey=" + serverKey + ":certKey=" + serverCert));

        Peers.Outcome python = Coroutine.await(Peers.python(reactor, "tls_line_client.py", "direct", port(port),
                caPem.toString(), "echo over an ssl endpoint"));

        assertThat(python.output()).contains("tls: TLSv1.3").contains("echoed: echo over an ssl endpoint");
        assertThat(python.exitCode()).as(python.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    private static Peers.Outcome sClient(NioReactor reactor, ListeningPort port, String input, String... more)
            throws Exception {
        String[] args = {"s_client", "-connect", "127.0.0.1:" + port(port), "-servername", "localhost",
                "-CAfile", caPem.toString(), "-verify_return_error", "-ign_eof", "-crlf", "-tls1_3"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Coroutine.await(Peers.tool(reactor, Peer.OPENSSL, input, all));
    }

    @Test
    void sClientWithACaIssuedClientCertificateGetsItsEcho(NioReactor reactor) throws Exception {
        ListeningPort port = listenTls(reactor, CertificateOptions.builder().requireClientCertificate()
                .trustRoot(TrustRoot.of(ca.certificate())), Factory.forProtocol(OneLineEcho::new));

        Peers.Outcome openssl = sClient(reactor, port, "client certificate line\n",
                "-cert", clientCert.toString(), "-key", clientKey.toString());

        assertThat(openssl.output()).contains("client certificate line\r\n").contains("Verify return code: 0 (ok)");
        assertThat(openssl.exitCode()).as(openssl.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void sClientWithoutAClientCertificateGetsAnAlertAndNoEcho(NioReactor reactor) throws Exception {
        ListeningPort port = listenTls(reactor, CertificateOptions.builder().requireClientCertificate()
                .trustRoot(TrustRoot.of(ca.certificate())), Factory.forProtocol(OneLineEcho::new));

        Peers.Outcome openssl = sClient(reactor, port, "anonymous line\n");

        assertThat(openssl.output()).doesNotContain("anonymous line").containsIgnoringCase("alert certificate required");
        Coroutine.await(port.stopListening());
    }

    private static Peers.Outcome curl(NioReactor reactor, ListeningPort port, String... more) throws Exception {
        String[] args = {"-sS", "-v", "--max-time", "20", "--cacert", caPem.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length + 1);
        System.arraycopy(more, 0, all, args.length, more.length);
        all[all.length - 1] = "https://localhost:" + port(port) + "/";
        return Coroutine.await(Peers.tool(reactor, Peer.CURL, "", all));
    }

    @Test
    void curlGetsTheBodyOverHttps(NioReactor reactor) throws Exception {
        ListeningPort port = listenTls(reactor, CertificateOptions.builder(),
                Factory.forProtocol(FixedHttpResponse::new));

        Peers.Outcome curl = curl(reactor, port);

        assertThat(curl.output()).contains(FixedHttpResponse.BODY).contains("HTTP/1.1 200 OK");
        assertThat(curl.exitCode()).as(curl.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void curlWithHttp11AndTls13GetsTheBody(NioReactor reactor) throws Exception {
        ListeningPort port = listenTls(reactor, CertificateOptions.builder(),
                Factory.forProtocol(FixedHttpResponse::new));

        Peers.Outcome curl = curl(reactor, port, "--http1.1", "--tlsv1.3");

        assertThat(curl.output()).contains(FixedHttpResponse.BODY).contains("TLSv1.3");
        assertThat(curl.exitCode()).as(curl.output()).isZero();
        Coroutine.await(port.stopListening());
    }

    @Test
    void curlLimitedToTls11IsRefused(NioReactor reactor) throws Exception {
        ListeningPort port = listenTls(reactor, CertificateOptions.builder(),
                Factory.forProtocol(FixedHttpResponse::new));

        Peers.Outcome curl = curl(reactor, port, "--tlsv1.0", "--tls-max", "1.1", "--ciphers", "DEFAULT@SECLEVEL=0");

        assertThat(curl.output()).doesNotContain(FixedHttpResponse.BODY).contains("alert protocol version");
        assertThat(curl.exitCode()).as(curl.output()).isEqualTo(35);   // CURLE_SSL_CONNECT_ERROR
        Coroutine.await(port.stopListening());
    }
}
