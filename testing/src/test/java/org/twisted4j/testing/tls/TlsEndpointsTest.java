package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.tls.LiveReactor.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TlsClientEndpoint;
import org.twisted4j.internet.endpoints.TlsServerEndpoint;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.protocols.tls.TlsError;

/** The {@code ssl:} and {@code tls:} endpoint descriptions, over real sockets on 127.0.0.1. */
class TlsEndpointsTest {
    private final LiveReactor live = new LiveReactor();
    @TempDir
    Path dir;
    private Path caDir;
    private Path otherDir;

    @BeforeEach
    void certificates() throws Exception {
        PrivateCertificate authority = CertificateBuilder.authority("Test CA").build();
        PrivateCertificate leaf = CertificateBuilder.issuedBy(authority, "localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build();
        leaf.save(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        Files.writeString(dir.resolve("chain.pem"), authority.certificatesPem());
        caDir = Files.createDirectory(dir.resolve("roots"));
        Files.writeString(caDir.resolve("ca.pem"), authority.certificatesPem());
        otherDir = Files.createDirectory(dir.resolve("other"));
        Files.writeString(otherDir.resolve("other.pem"),
                CertificateBuilder.authority("Someone Else").build().certificatesPem());
    }

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    private String file(String name) {
        return Endpoints.quoteStringArgument(dir.resolve(name).toString());
    }

    private int listen(String description) throws Exception {
        ListeningPort port = live.call(() -> Endpoints.serverFromString(live.reactor, description)
                .listen(Factory.forProtocol(() -> {
                    Recorder echo = new Recorder();
                    echo.echo = true;
                    return echo;
                })));
        return LiveReactor.port(port);
    }

    /** Connects with {@code description}, says hello, and returns the client once the echo came back. */
    private Recorder roundTrip(String description) throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        Recorder client = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                if (text().equals("hello")) {
                    echoed.complete(text());
                    transport().loseConnection();
                }
            }
        };
        client.greeting = Recorder.ascii("hello");
        StreamClientEndpoint endpoint = Endpoints.clientFromString(live.reactor, description);
        assertThat(endpoint).isInstanceOf(TlsClientEndpoint.class);
        Object connected = live.call(() -> Endpoints.connectProtocol(endpoint, client));
        assertThat(connected).isSameAs(client);
        assertThat(await(echoed)).isEqualTo("hello");
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        return client;
    }

    @Test
    void sslServerWithChainServesATlsClientThatTrustsTheAuthority() throws Exception {
        int port = listen("ssl:0:privateKey=" + file("key.pem") + ":certKey=" + file("cert.pem")
                + ":extraCertChain=" + file("chain.pem") + ":interface=127.0.0.1:backlog=10:dhParameters=dh.pem");
        Recorder client = roundTrip("tls:localhost:" + port + ":trustRoots="
                + Endpoints.quoteStringArgument(caDir.toString()) + ":timeout=30");
        assertThat(await(client.handshake).peerCertificates()).hasSize(2);
    }

    @Test
    void sslClientDescriptionWithCaCertsDir() throws Exception {
        int port = listen("ssl:0:privateKey=" + file("key.pem") + ":certKey=" + file("cert.pem")
                + ":extraCertChain=" + file("chain.pem") + ":interface=127.0.0.1:sslmethod=TLSv1_2_METHOD");
        Recorder client = roundTrip("ssl:host=localhost:port=" + port + ":caCertsDir="
                + Endpoints.quoteStringArgument(caDir.toString()));
        assertThat(await(client.handshake).protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void aServerTheClientDoesNotTrustFailsWithTlsError() throws Exception {
        int port = listen("ssl:0:privateKey=" + file("key.pem") + ":certKey=" + file("cert.pem")
                + ":interface=127.0.0.1");
        Recorder client = new Recorder();
        StreamClientEndpoint endpoint = Endpoints.clientFromString(live.reactor, "tls:localhost:" + port
                + ":trustRoots=" + Endpoints.quoteStringArgument(otherDir.toString()));
        live.call(() -> Endpoints.connectProtocol(endpoint, client));
        assertThat(await(client.lost).value()).isInstanceOf(TlsError.class);
    }

    @Test
    void descriptionsWithBadPartsAreRefusedNamingThem() {
        assertThatThrownBy(() -> Endpoints.serverFromString(live.reactor, "ssl:0:privateKey=" + file("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> Endpoints.serverFromString(live.reactor, "ssl:0:privateKey=" + file("key.pem")
                + ":certKey=" + file("cert.pem") + ":sslmethod=TLSv1_METHOD"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslmethod");
        assertThatThrownBy(() -> Endpoints.clientFromString(live.reactor, "tls:localhost:443:privateKey=k.pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("privateKey");
        assertThatThrownBy(() -> Endpoints.clientFromString(live.reactor, "tls:localhost:443:trustRoots="
                + file("nowhere"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustRoots");
        assertThatThrownBy(() -> Endpoints.clientFromString(live.reactor, "ssl:host=localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void theServerDescriptionMakesATlsEndpointOverTcp() throws Exception {
        assertThat(Endpoints.serverFromString(live.reactor, "ssl:8443:privateKey=" + file("key.pem") + ":certKey="
                + file("cert.pem"))).isInstanceOf(TlsServerEndpoint.class);
    }
}
