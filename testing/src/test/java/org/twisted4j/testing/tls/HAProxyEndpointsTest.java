package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.protocols.haproxy.ProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyTlv;
import org.twisted4j.protocols.tls.TlsTransport;

/** The {@code haproxy:} endpoint prefix over real sockets on 127.0.0.1, in clear and under TLS. */
class HAProxyEndpointsTest {
    private static final IPv4Address CLIENT = new IPv4Address(AddressType.TCP, "203.0.113.7", 40000);
    private static final IPv4Address FRONT = new IPv4Address(AddressType.TCP, "198.51.100.2", 443);

    private final LiveReactor live = new LiveReactor();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    /** Answers the first bytes with what it knows of its connection, then closes. */
    private static final class Describer extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            ProxyHeader header = ProxyHeader.of(transport());
            String answer = transport().getPeer() + " " + transport().getHost() + " tls="
                    + (transport() instanceof TlsTransport) + " alpn=" + (header == null ? null : header.alpn()) + "\n";
            transport().write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
            transport().loseConnection();
        }
    }

    private int listen(String description) throws Exception {
        ListeningPort port = live.call(() -> Endpoints.serverFromString(live.reactor, description)
                .listen(Factory.forProtocol(Describer::new)));
        return LiveReactor.port(port);
    }

    @Test
    void haproxyTcpGivesTheClientAddressFromAV2Header() throws Exception {
        int port = listen("haproxy:tcp:0:interface=127.0.0.1");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(ProxyHeader.v2(CLIENT, FRONT, new ProxyTlv(ProxyTlv.ALPN, "http/1.1".getBytes(StandardCharsets.US_ASCII)))
                    .encodeV2());
            out.write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(socket.getInputStream())).isEqualTo(CLIENT + " " + FRONT + " tls=false alpn=http/1.1\n");
        }
    }

    @Test
    void haproxySslReadsTheHeaderInClearThenSpeaksTls() throws Exception {
        CertificateBuilder.authority("localhost").build().save(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        int port = listen("haproxy:ssl:0:interface=127.0.0.1:privateKey="
                + Endpoints.quoteStringArgument(dir.resolve("key.pem").toString()) + ":certKey="
                + Endpoints.quoteStringArgument(dir.resolve("cert.pem").toString()));
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.getOutputStream().write(new ProxyHeader(1, ProxyHeader.Command.PROXY, CLIENT, FRONT, List.of())
                    .encodeV1());
            try (SSLSocket tls = (SSLSocket) trustingEveryone().getSocketFactory()
                    .createSocket(plain, "localhost", port, true)) {
                tls.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
                assertThat(readAll(tls.getInputStream())).isEqualTo(CLIENT + " " + FRONT + " tls=true alpn=null\n");
            }
        }
    }

    @Test
    void aConnectionWithoutAHeaderIsDropped() throws Exception {
        int port = listen("haproxy:tcp:0:interface=127.0.0.1");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(socket.getInputStream())).isEmpty();
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException reset) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext trustingEveryone() throws Exception {
        TrustManager everyone = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {everyone}, null);
        return context;
    }
}
