package org.twisted4j.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.internet.endpoints.TlsClientEndpoint;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** Our client against our server over real sockets: TLS (wss) and back-pressure. */
@ExtendWith(TrialExtension.class)
class WebSocketIntegrationTest {
    private static final int MESSAGES = 200;
    private static final int MESSAGE_SIZE = 256 * 1024;

    private ListeningPort port;

    /** Sends {@link #MESSAGES} large messages as fast as back-pressure lets it, then closes. */
    static final class Flood implements WebSocketHandler {
        private WebSocketConnection connection;
        private int sent;
        int pauses;

        @Override
        public void onOpen(WebSocketConnection opened) {
            connection = opened;
            pump();
        }

        private void pump() {
            while (sent < MESSAGES && !connection.isSendingPaused()) {
                connection.sendBinary(ByteBuffer.allocate(MESSAGE_SIZE).putInt(0, sent++));
            }
            if (sent == MESSAGES) {
                connection.close(CloseCodes.NORMAL_CLOSURE, "all sent");
            }
        }

        @Override
        public void pauseSending() {
            pauses++;
        }

        @Override
        public void resumeSending() {
            pump();
        }
    }

    /** Counts messages, checking their order, until the close. */
    static final class Counter implements WebSocketHandler {
        int received;
        boolean inOrder = true;
        final Deferred<String> closed = new Deferred<>();

        @Override
        public void onBinary(ByteBuffer data) {
            inOrder &= data.getInt(0) == received && data.remaining() == MESSAGE_SIZE;
            received++;
        }

        @Override
        public void onClose(int code, String reason) {
            closed.callback(code + ":" + reason);
        }
    }

    private int listen(NioReactor reactor, Flood flood, CertificateOptions tls) {
        Resource root = new Resource();
        root.putChild("flood", new WebSocketResource(reactor, WebSocketOptions.builder().permessageDeflate(false)
                .build(), request -> flood));
        Site site = new Site(root, reactor);
        site.setIdleTimeout(0);
        site.setHeaderTimeout(0);
        port = tls == null ? reactor.listenTCP(0, site, 50, "127.0.0.1")
                : reactor.listenTCP(0, new TlsFactory(tls, site, false), 50, "127.0.0.1");
        return ((IPv4Address) port.getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        if (port != null) {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void backPressurePausesTheSenderAndEveryMessageArrivesInOrder(NioReactor reactor) throws Exception {
        Flood flood = new Flood();
        int portNumber = listen(reactor, flood, null);
        Counter counter = new Counter();
        Coroutine.await(WebSocketClient.connect(reactor, URI.create("ws://127.0.0.1:" + portNumber + "/flood"),
                counter, WebSocketOptions.defaults()));
        assertThat(Coroutine.await(counter.closed)).isEqualTo("1000:all sent");
        assertThat(counter.received).isEqualTo(MESSAGES);
        assertThat(counter.inOrder).isTrue();
        assertThat(flood.pauses).as("the server was paused by its transport").isPositive();
    }

    @Test
    void wssConnectsOverTlsWithTheGivenTrustRoot(NioReactor reactor) throws Exception {
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build();
        Flood flood = new Flood();
        int portNumber = listen(reactor, flood, CertificateOptions.builder().certificate(certificate).build());
        Counter counter = new Counter();
        ClientTlsOptions trust = ClientTlsOptions.optionsForClientTLS("localhost",
                TrustRoot.of(certificate.certificate()), null, List.of());
        TlsClientEndpoint endpoint = new TlsClientEndpoint(trust, new TCP4ClientEndpoint(reactor, "127.0.0.1",
                portNumber));
        Coroutine.await(WebSocketClient.connect(endpoint, reactor, URI.create("wss://localhost:" + portNumber
                + "/flood"), counter, WebSocketOptions.defaults()));
        assertThat(Coroutine.await(counter.closed)).isEqualTo("1000:all sent");
        assertThat(counter.received).isEqualTo(MESSAGES);
    }

    @Test
    void refusedConnectionFailsTheDeferred(NioReactor reactor) throws Exception {
        int portNumber = listen(reactor, new Flood(), null);
        Coroutine.await(port.stopListening());
        port = null;
        Deferred<WebSocketConnection> attempt = WebSocketClient.connect(reactor,
                URI.create("ws://127.0.0.1:" + portNumber + "/"), new Counter(), WebSocketOptions.defaults());
        Throwable error = Coroutine.await(attempt.addCallbacks(connection -> (Throwable) null,
                failure -> failure.value()));
        assertThat(error).isNotNull().isNotInstanceOf(WebSocketHandshakeError.class);
    }
}
