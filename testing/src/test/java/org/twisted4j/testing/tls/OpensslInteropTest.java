package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.tls.LiveReactor.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * Interop with OpenSSL's own tools: {@code openssl s_client} against our TLS echo server, and our client
 * against {@code openssl s_server -rev}. Needs the openssl command (Debian package openssl).
 */
class OpensslInteropTest {
    private final LiveReactor live = new LiveReactor();
    private Child child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        live.close();
    }

    /** Echoes, and records the server name the client asked for. */
    static final class SniEcho extends Recorder {
        final CompletableFuture<List<String>> serverNames = new CompletableFuture<>();

        SniEcho() {
            echo = true;
        }

        @Override
        public void handshakeCompleted(TlsHandshakeInfo info) {
            super.handshakeCompleted(info);
            List<SNIServerName> names = ((ExtendedSSLSession) ((TlsTransport) transport()).session())
                    .getRequestedServerNames();
            serverNames.complete(names.stream().map(n -> ((SNIHostName) n).getAsciiName()).toList());
        }
    }

    private int echoServer(Recorder server) throws Exception {
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0,
                new TlsFactory(TestTls.server("h2", "http/1.1"), Factory.forProtocol(() -> server), false), 50,
                "127.0.0.1"));
        return LiveReactor.port(port);
    }

    private void sClientEchoes(String version, String protocolLine) throws Exception {
        String openssl = Peer.OPENSSL.require().toString();
        SniEcho server = new SniEcho();
        int port = echoServer(server);
        child = new Child(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port, version, "-servername",
                "localhost", "-alpn", "h2", "-CAfile", TestTls.material().certificatePem().toString(),
                "-verify_return_error"));
        child.send("interop " + version + "\n");
        child.awaitLine(line -> line.equals("interop " + version), "the echo");
        child.closeInput();
        assertThat(child.awaitExit()).isZero();
        String transcript = child.transcript();
        assertThat(transcript).contains(protocolLine).contains("ALPN protocol: h2")
                .contains("Verify return code: 0 (ok)");
        assertThat(await(server.serverNames)).containsExactly("localhost");
        assertThat(await(server.handshake).applicationProtocol()).isEqualTo("h2");
        assertThat(await(server.lost).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void sClientTls13EchoWithSniAndAlpn() throws Exception {
        sClientEchoes("-tls1_3", "New, TLSv1.3");
    }

    @Test
    void sClientTls12EchoWithSniAndAlpn() throws Exception {
        sClientEchoes("-tls1_2", "Protocol  : TLSv1.2");
    }

    @Test
    void sClientTls11IsRefused() throws Exception {
        String openssl = Peer.OPENSSL.require().toString();
        Recorder server = new Recorder();
        int port = echoServer(server);
        child = new Child(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1", "-cipher",
                "DEFAULT@SECLEVEL=0", "-CAfile", TestTls.material().certificatePem().toString()));
        child.closeInput();
        assertThat(child.awaitExit()).isNotZero();
        assertThat(await(server.lost).value()).isInstanceOf(TlsError.class);
        assertThat(child.transcript()).containsIgnoringCase("protocol version");
    }

    private void clientAgainstSServer(String version, String expectedProtocol, Path dir) throws Exception {
        String openssl = Peer.OPENSSL.require().toString();
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        TestTls.run(List.of(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "2"));
        child = new Child(List.of(openssl, "s_server", "-accept", "127.0.0.1:0", "-key", key.toString(), "-cert",
                cert.toString(), "-rev", version));
        String accept = child.awaitLine(line -> line.startsWith("ACCEPT"), "s_server to listen");
        int port = Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());

        CompletableFuture<String> reversed = new CompletableFuture<>();
        Recorder client = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                if (text().contains("\n")) {
                    reversed.complete(text());
                    transport().loseConnection();
                }
            }
        };
        client.greeting = Recorder.ascii("hello openssl\n");
        live.call(() -> live.reactor.connectTCP("127.0.0.1", port,
                new TlsFactory(TestTls.clientTrusting(cert), ClientFactory.forProtocol(() -> client), true)));
        assertThat(await(reversed)).contains("lssnepo olleh");
        assertThat(await(client.handshake).protocol()).isEqualTo(expectedProtocol);
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void ourClientAgainstSServerTls13(@TempDir Path dir) throws Exception {
        clientAgainstSServer("-tls1_3", "TLSv1.3", dir);
    }

    @Test
    void ourClientAgainstSServerTls12(@TempDir Path dir) throws Exception {
        clientAgainstSServer("-tls1_2", "TLSv1.2", dir);
    }
}
