package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.protocols.tls.TlsFactory;

class TlsBulkLoadTest {

    /** Writes back what arrives. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    @Test
    void bulkAndSmallOverTlsGetEveryByteBackWithTheOfferedCipher(@TempDir Path dir) throws Exception {
        PrivateCertificate server = CertificateBuilder.selfSigned("localhost").build();
        Path cert = Files.writeString(dir.resolve("cert.pem"), server.certificatesPem());
        NioReactor reactor = new NioReactor();
        Thread loop = Thread.ofPlatform().start(() -> reactor.run(false));
        try {
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, new TlsFactory(
                    CertificateOptions.builder().certificate(server).build(), Factory.forProtocol(Echo::new), false),
                    50, "127.0.0.1"));
            LoadOptions options = LoadOptions.parse(new String[] {"--port",
                    String.valueOf(((IPv4Address) port.getHost()).port()), "--scenarios", "bulk", "--warmup", "0",
                    "--duration", "0.3", "--bulk-max-bytes", String.valueOf(8 << 20), "--tls", cert.toString()});

            ScenarioResult result = new BulkLoad(options).run();

            assertThat(result.verified()).as(result.toString()).isTrue();
            assertThat(result.toString()).contains("tls=TLSv1.3/TLS_AES_128_GCM_SHA256");

            ScenarioResult small = new MessageLoad("small", LoadOptions.parse(new String[] {"--port",
                    String.valueOf(((IPv4Address) port.getHost()).port()), "--connections", "10", "--warmup", "0",
                    "--duration", "0.3", "--tls", cert.toString()}), 1).run();

            assertThat(small.verified()).as(small.toString()).isTrue();
            assertThat(small.toString()).contains("tls=TLSv1.3/TLS_AES_128_GCM_SHA256");
        } finally {
            reactor.callFromThread(reactor::stop);
            loop.join(10_000);
        }
    }
}
