package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.protocols.tls.TlsFactory;

/**
 * Core's TLS layer over each backend's TCP transport: a handshake, a request, an echo of 1 MiB (so that the
 * TLS layer's producer and the transport's back-pressure meet), and a clean close, on real loopback sockets.
 */
class TlsOverBackendTest {
    private static final long T = 60;
    private static final PrivateCertificate SERVER = CertificateBuilder.selfSigned("server.test")
            .dnsNames("server.test").build();

    /** Echoes what it gets. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            transport().write(copy);
        }
    }

    /** Sends {@code size} bytes, reads them back, then closes. */
    static final class Client extends Protocol {
        final int size;
        int received;
        final CompletableFuture<Integer> echoed = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        Client(int size) {
            this.size = size;
        }

        @Override
        public void connectionMade() {
            byte[] chunk = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < size; sent += chunk.length) {
                transport().write(chunk.clone());
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            if (received >= size) {
                echoed.complete(received);
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.ALL)
    void tlsEchoesAMegabyteAndClosesCleanly(String backend) throws Exception {
        ReactorBackend reactor = Backends.require(backend);
        Thread thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        try {
            CertificateOptions serverOptions = CertificateOptions.builder().certificate(SERVER).build();
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0,
                    new TlsFactory(serverOptions, Factory.forProtocol(Echo::new), false), 50, "127.0.0.1"));
            int portNumber = ((IPv4Address) port.getHost()).port();
            Client client = new Client(1 << 20);
            ClientTlsOptions clientOptions = ClientTlsOptions.optionsForClientTLS("server.test",
                    TrustRoot.of(SERVER.certificate()), null, List.of());
            reactor.blockingCallFromThread(() -> reactor.connectTCP("127.0.0.1", portNumber,
                    new TlsFactory(clientOptions, ClientFactory.forProtocol(() -> client), true), 30, null));
            assertThat(client.echoed.get(T, TimeUnit.SECONDS)).isEqualTo(1 << 20);
            assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        } finally {
            reactor.callFromThread(reactor::stop);
            thread.join(TimeUnit.SECONDS.toMillis(T));
        }
        assertThat(thread.isAlive()).as("the reactor thread ended").isFalse();
    }
}
