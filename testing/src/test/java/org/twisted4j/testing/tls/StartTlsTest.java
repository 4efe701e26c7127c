package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.tls.LiveReactor.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.tls.TlsAware;
import org.twisted4j.protocols.tls.TlsTransport;

/** STARTTLS on real TCP and UNIX connections: a clear-text conversation that switches to TLS midway. */
class StartTlsTest {
    private final LiveReactor live = new LiveReactor();

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    /**
     * One end of a line protocol with STARTTLS: records every line; after TLS, the side that is not
     * {@code talker} answers each line with {@code ECHO line}, and the talker sends {@code secret} and closes
     * on the answer.
     */
    static class Peer extends LineReceiver implements TlsAware {
        final List<String> lines = new ArrayList<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        final CompletableFuture<TlsHandshakeInfo> handshake = new CompletableFuture<>();
        final TlsOptions options;
        final boolean tlsClient;
        final boolean talker;
        int earlyBytes = -1;
        TlsTransport tls;

        Peer(TlsOptions options, boolean tlsClient, boolean talker) {
            this.options = options;
            this.tlsClient = tlsClient;
            this.talker = talker;
        }

        void send(String line) {
            sendLine(line.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.US_ASCII);
            lines.add(text);
            switch (text) {
                case "HELLO" -> send("HI");
                case "STARTTLS" -> {
                    send("GO");
                    switchToTls();
                }
                case "GO" -> switchToTls();
                case "ECHO secret" -> transport().loseConnection();
                default -> {
                    if (!talker) {
                        send("ECHO " + text);
                    }
                }
            }
        }

        void switchToTls() {
            byte[] early = clearLineBuffer();
            earlyBytes = early.length;
            tls = ((TlsUpgradable) transport()).startTLS(options, tlsClient, ByteBuffer.wrap(early));
        }

        @Override
        public void handshakeCompleted(TlsHandshakeInfo info) {
            handshake.complete(info);
            if (talker) {
                send("secret");
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    /** Speaks first: HELLO and STARTTLS in the clear, then switches when told GO. */
    static class Client extends Peer {
        Client(TlsOptions options, boolean tlsClient) {
            super(options, tlsClient, true);
        }

        boolean producerMovedOver;

        @Override
        public void connectionMade() {
            // A producer registered in the clear stays registered after STARTTLS.
            transport().registerProducer(new PushProducer() {
                @Override
                public void pauseProducing() {
                }

                @Override
                public void resumeProducing() {
                }

                @Override
                public void stopProducing() {
                }
            }, true);
            send("HELLO");
            send("STARTTLS");
        }

        @Override
        public void handshakeCompleted(TlsHandshakeInfo info) {
            transport().unregisterProducer();
            producerMovedOver = true;
            super.handshakeCompleted(info);
        }
    }

    private void conversation(boolean unix, Path dir) throws Exception {
        Peer server = new Peer(TestTls.server(), false, false);
        Client client = new Client(TestTls.client(), true);
        if (unix) {
            Path socket = dir.resolve("starttls.sock");
            live.call(() -> live.reactor.listenUNIX(socket, Factory.forProtocol(() -> server)));
            live.call(() -> live.reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client)));
        } else {
            ListeningPort port = live.call(() -> live.reactor.listenTCP(0, Factory.forProtocol(() -> server), 50,
                    "127.0.0.1"));
            live.call(() -> live.reactor.connectTCP("127.0.0.1", LiveReactor.port(port),
                    ClientFactory.forProtocol(() -> client)));
        }
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(await(server.lost).value()).isInstanceOf(ConnectionDone.class);
        live.call(() -> {
            assertThat(server.lines).containsExactly("HELLO", "STARTTLS", "secret");
            assertThat(client.lines).containsExactly("HI", "GO", "ECHO secret");
            assertThat(client.handshake.getNow(null).protocol()).isEqualTo("TLSv1.3");
            assertThat(server.handshake).isDone();
            assertThat(client.tls.handshakeInfo()).isSameAs(client.handshake.getNow(null));
            assertThat(client.producerMovedOver).isTrue();
            return null;
        });
    }

    @Test
    void startTlsOverTcpKeepsTheClearTextBeforeItAndEncryptsAfter(@TempDir Path dir) throws Exception {
        conversation(false, dir);
    }

    @Test
    void startTlsOverUnixSockets(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        conversation(true, dir);
    }

    /**
     * The peer answers GO and sends its TLS hello at once, so both arrive in one read: the bytes after the
     * GO line must go to TLS, not be parsed as lines. Here the listening side is the TLS client.
     */
    @Test
    void tlsBytesInTheSameReadAsTheReplyAreFedToTls() throws Exception {
        Client[] connecting = new Client[1];
        Peer server = new Peer(TestTls.client(), true, false) {
            @Override
            void switchToTls() {
                super.switchToTls();
                // GO and the TLS hello are both in the connecting side's socket buffer now: let it read them.
                live.reactor.callLater(0, () -> connecting[0].transport().resumeProducing());
            }
        };
        Client client = new Client(TestTls.server(), false) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().pauseProducing();
            }
        };
        connecting[0] = client;
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0, Factory.forProtocol(() -> server), 50,
                "127.0.0.1"));
        live.call(() -> live.reactor.connectTCP("127.0.0.1", LiveReactor.port(port),
                ClientFactory.forProtocol(() -> client)));

        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(await(server.lost).value()).isInstanceOf(ConnectionDone.class);
        live.call(() -> {
            assertThat(client.earlyBytes).as("TLS bytes that came with GO").isPositive();
            assertThat(server.lines).containsExactly("HELLO", "STARTTLS", "secret");
            assertThat(client.lines).containsExactly("HI", "GO", "ECHO secret");
            return null;
        });
    }

    @Test
    void startTlsTwiceIsRefused() throws Exception {
        CompletableFuture<List<Throwable>> refused = new CompletableFuture<>();
        Peer server = new Peer(TestTls.server(), false, false);
        Peer client = new Peer(TestTls.client(), true, false) {
            @Override
            public void connectionMade() {
                TlsUpgradable upgradable = (TlsUpgradable) transport();
                upgradable.startTLS(options, true);
                List<Throwable> errors = new ArrayList<>();
                try {
                    upgradable.startTLS(options, true);
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
                refused.complete(errors);
                transport().abortConnection();
            }
        };
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0, Factory.forProtocol(() -> server), 50,
                "127.0.0.1"));
        live.call(() -> live.reactor.connectTCP("127.0.0.1", LiveReactor.port(port),
                ClientFactory.forProtocol(() -> client)));
        assertThat(await(refused)).hasSize(1);
        assertThatThrownBy(() -> { throw await(refused).get(0); }).hasMessageContaining("already started");
    }
}
