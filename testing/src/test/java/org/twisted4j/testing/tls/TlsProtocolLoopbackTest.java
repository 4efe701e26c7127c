package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.tls.Recorder.ascii;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ProtocolNegotiationFactory;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.protocols.tls.TlsTransport;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StreamingWriter;

/** The TLS layer between two in-memory transports, driven step by step with an {@link IOPump}. */
class TlsProtocolLoopbackTest {

    private static TlsProtocol wrap(TlsOptions options, boolean client, Protocol app) {
        TlsFactory factory = new TlsFactory(options, Factory.forProtocol(() -> app), client);
        return (TlsProtocol) factory.buildProtocol(client ? IOPump.DEFAULT_SERVER_ADDRESS : IOPump.DEFAULT_CLIENT_ADDRESS);
    }

    private static IOPump connect(Recorder server, Recorder client) throws Exception {
        return connect(TestTls.server(), server, TestTls.client(), client);
    }

    private static IOPump connect(TlsOptions serverOptions, Recorder server, TlsOptions clientOptions,
            Recorder client) {
        return IOPump.connectedLoopback(wrap(serverOptions, false, server), wrap(clientOptions, true, client));
    }

    /** A factory of one protocol that names the ALPN protocols it speaks. */
    private static final class Negotiating extends Factory implements ProtocolNegotiationFactory {
        private final Protocol app;
        private final List<String> protocols;

        Negotiating(Protocol app, String... protocols) {
            this.app = app;
            this.protocols = List.of(protocols);
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            return app;
        }

        @Override
        public List<String> acceptableProtocols() {
            return protocols;
        }
    }

    private static TlsProtocol wrapNegotiating(TlsOptions options, boolean client, Protocol app, String... alpn) {
        TlsFactory factory = new TlsFactory(options, new Negotiating(app, alpn), client);
        return (TlsProtocol) factory.buildProtocol(client ? IOPump.DEFAULT_SERVER_ADDRESS : IOPump.DEFAULT_CLIENT_ADDRESS);
    }

    @Test
    void aNegotiatingFactorysProtocolsAreOfferedAndTheServersPreferenceWins() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump.connectedLoopback(wrapNegotiating(TestTls.server(), false, server, "h2", "http/1.1"),
                wrapNegotiating(TestTls.client(), true, client, "http/1.1", "h2"));
        assertThat(server.handshake.getNow(null).applicationProtocol()).isEqualTo("h2");
        assertThat(client.handshake.getNow(null).applicationProtocol()).isEqualTo("h2");
    }

    @Test
    void protocolsNamedByTheOptionsWinOverTheFactorys() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump.connectedLoopback(wrapNegotiating(TestTls.server("http/1.1"), false, server, "h2", "http/1.1"),
                wrapNegotiating(TestTls.client(), true, client, "h2", "http/1.1"));
        assertThat(server.handshake.getNow(null).applicationProtocol()).isEqualTo("http/1.1");
    }

    @Test
    void echoRoundTripsAfterTheHandshake() throws Exception {
        Recorder server = new Recorder();
        server.echo = true;
        Recorder client = new Recorder();
        client.greeting = ascii("hello over TLS");
        IOPump pump = connect(server, client);

        assertThat(server.text()).isEqualTo("hello over TLS");
        assertThat(client.text()).isEqualTo("hello over TLS");
        TlsHandshakeInfo info = client.handshake.getNow(null);
        assertThat(info.protocol()).isEqualTo("TLSv1.3");
        assertThat(info.peerCertificates()).hasSize(1);
        assertThat(server.handshake.getNow(null).peerCertificates()).isEmpty();
        assertThat(client.transport().getPeer()).isEqualTo(IOPump.DEFAULT_SERVER_ADDRESS);
        assertThat(client.transport().getHost()).isEqualTo(IOPump.DEFAULT_CLIENT_ADDRESS);
        assertThat(client.transport().isDisconnecting()).isFalse();
        assertThat(pump.clientTransport().isDisconnected()).isFalse();
    }

    @Test
    void manyHandshakesInARowAllComplete() throws Exception {
        int count = 200;
        TlsOptions serverOptions = TestTls.server();
        TlsOptions clientOptions = TestTls.client();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Recorder server = new Recorder();
            Recorder client = new Recorder();
            connect(serverOptions, server, clientOptions, client);
            assertThat(client.handshake).isDone();
            assertThat(server.handshake).isDone();
        }
        double perHandshake = (System.nanoTime() - start) / 1e6 / count;
        System.out.printf("TLS 1.3 in memory: %.2f ms of one thread per full handshake (both ends, EC P-256)%n",
                perHandshake);
    }

    /** Records the raw bytes a protocol receives, then passes them on. */
    static final class Tap extends Protocol {
        final Protocol inner;
        final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();

        Tap(Protocol inner) {
            this.inner = inner;
        }

        @Override
        public void connectionMade() {
            inner.makeConnection(transport());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            raw.writeBytes(copy(data.duplicate()));
            inner.dataReceived(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            inner.connectionLost(reason);
        }

        private static byte[] copy(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return bytes;
        }
    }

    @Test
    void bytesOnTheWireAreEncrypted() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        client.greeting = ascii("secret secret secret");
        Tap tap = new Tap(wrap(TestTls.server(), false, server));
        IOPump.connectedLoopback(tap, wrap(TestTls.client(), true, client));
        assertThat(server.text()).isEqualTo("secret secret secret");
        assertThat(tap.raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(tap.raw.size()).isGreaterThan(200);
    }

    @Test
    void connectionMadeComesFirstAndWritesWaitForTheHandshakeInOrder() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(ascii("one "));
                transport().writeSequence(List.of(ByteBuffer.wrap(ascii("two ")), ByteBuffer.wrap(ascii("three"))));
                assertThat(((TlsTransport) transport()).handshakeInfo()).isNull();
            }
        };
        connect(server, client);
        assertThat(client.events).containsExactly("made", "handshake");
        assertThat(server.events).containsExactly("made", "handshake", "data");
        assertThat(server.text()).isEqualTo("one two three");
    }

    @Test
    void whenHandshakeDoneFiresWithTheOutcomeBeforeAndAfter() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        TlsProtocol serverTls = wrap(TestTls.server(), false, server);
        TlsProtocol clientTls = wrap(TestTls.client(), true, client);
        IOPump pump = IOPump.connectedLoopback(serverTls, IOPump.DEFAULT_SERVER_ADDRESS, clientTls,
                IOPump.DEFAULT_CLIENT_ADDRESS, false);
        List<TlsHandshakeInfo> seen = new ArrayList<>();
        clientTls.whenHandshakeDone().addCallback(info -> seen.add(info));
        assertThat(seen).isEmpty();
        pump.flush();
        assertThat(seen).hasSize(1);
        clientTls.whenHandshakeDone().addCallback(info -> seen.add(info));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isSameAs(clientTls.handshakeInfo());
    }

    @Test
    void writesDuringATls12RenegotiationWaitForItAndArriveInOrder() throws Exception {
        TlsOptions base = TestTls.server();
        javax.net.ssl.SSLEngine[] serverEngine = new javax.net.ssl.SSLEngine[1];
        TlsOptions recording = (host, port) -> {
            serverEngine[0] = base.newEngine(host, port);
            return serverEngine[0];
        };
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        client.echo = true;
        IOPump pump = connect(recording, server, TestTls.client("TLSv1.2"), client);
        assertThat(client.handshake.getNow(null).protocol()).isEqualTo("TLSv1.2");

        serverEngine[0].beginHandshake(); // the server asks for a new handshake
        server.transport().write(ascii("during "));
        server.transport().write(ascii("renegotiation"));
        pump.flush();

        assertThat(server.text()).isEqualTo("during renegotiation");
        assertThat(client.events).containsOnlyOnce("handshake");
    }

    @Test
    void loseConnectionSendsCloseNotifySoBothSidesSeeConnectionDone() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        client.transport().write(ascii("last words"));
        client.transport().loseConnection();
        assertThat(client.transport().isDisconnecting()).isTrue();
        client.transport().write(ascii("dropped"));
        pump.flush();

        assertThat(server.text()).isEqualTo("last words");
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void serverLoseConnectionIsCleanForTheClientToo() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                transport().write(ascii("bye"));
                transport().loseConnection();
            }
        };
        Recorder client = new Recorder();
        client.greeting = ascii("hi");
        connect(server, client);
        assertThat(client.text()).isEqualTo("bye");
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void closeWithoutCloseNotifyIsAConnectionLost() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        pump.clientTransport().loseConnection(); // under the TLS layer: no close_notify
        pump.flush();
        Failure reason = server.lost.getNow(null);
        assertThat(reason.value()).isExactlyInstanceOf(ConnectionLost.class);
        assertThat(reason.getErrorMessage()).contains("close_notify");
    }

    @Test
    void untrustedCertificateFailsTheHandshakeOnBothSides() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        client.greeting = ascii("never sent");
        TlsProtocol clientTls = wrap(TestTls.untrustingClient(), true, client);
        IOPump pump = IOPump.connectedLoopback(wrap(TestTls.server(), false, server),
                IOPump.DEFAULT_SERVER_ADDRESS, clientTls, IOPump.DEFAULT_CLIENT_ADDRESS, false);
        Deferred<TlsHandshakeInfo> done = clientTls.whenHandshakeDone();
        List<Failure> failed = new ArrayList<>();
        done.addErrback(f -> {
            failed.add(f);
            return null;
        });
        pump.flush();

        Failure clientReason = client.lost.getNow(null);
        assertThat(clientReason.value()).isInstanceOf(TlsError.class).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(clientReason.getErrorMessage()).contains("handshake");
        assertThat(server.lost.getNow(null).value()).isInstanceOf(TlsError.class);
        assertThat(server.text()).isEmpty();
        assertThat(failed).singleElement().isSameAs(clientReason);
        assertThat(pump.clientTransport().isDisconnected()).isTrue();
        assertThat(client.events).doesNotContain("handshake");
    }

    @Test
    void aClientLimitedToTls11FailsBeforeSendingAnything() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        connect(TestTls.server(), server, TestTls.client("TLSv1.1"), client);
        assertThat(client.lost.getNow(null).value()).isInstanceOf(TlsError.class);
        assertThat(server.lost.getNow(null).getErrorMessage()).contains("during the TLS handshake");
    }

    @Test
    void tls12IsNegotiatedWhenTheClientAsksForIt() throws Exception {
        Recorder server = new Recorder();
        server.echo = true;
        Recorder client = new Recorder();
        client.greeting = ascii("twelve");
        connect(TestTls.server(), server, TestTls.client("TLSv1.2"), client);
        assertThat(client.handshake.getNow(null).protocol()).isEqualTo("TLSv1.2");
        assertThat(client.text()).isEqualTo("twelve");
    }

    @Test
    void aTamperedRecordIsATlsErrorAndClosesTheConnection() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        client.transport().write(ascii("genuine"));
        byte[] record = new byte[pump.clientTransport().bufferedBytes()];
        pump.clientTransport().abortConnection(); // drop the real one; send a forgery instead
        pump.server().dataReceived(forged(record.length));
        pump.flush();
        assertThat(server.lost.getNow(null).value()).isInstanceOf(TlsError.class);
        assertThat(server.text()).isEmpty();
    }

    private static ByteBuffer forged(int length) {
        ByteBuffer record = ByteBuffer.allocate(length);
        record.put((byte) 23).put((byte) 3).put((byte) 3).putShort((short) (length - 5));
        while (record.hasRemaining()) {
            record.put((byte) 0x5a);
        }
        return record.flip();
    }

    @Test
    void abortConnectionClosesAtOnceWithoutCloseNotify() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        client.transport().write(ascii("lost"));
        client.transport().abortConnection();
        pump.flush();
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionAborted.class);
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionLost.class);
        assertThat(server.text()).isEmpty();
    }

    @Test
    void halfCloseSendsCloseNotifyAndReadsOnUntilThePeersCloseNotify() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                transport().write(ascii("got it"));
            }
        };
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        client.transport().write(ascii("upload"));
        ((TlsTransport) client.transport()).loseWriteConnection();
        client.transport().write(ascii("dropped"));
        assertThat(client.transport().isDisconnecting()).isFalse();
        assertThat(pump.clientTransport().isDisconnecting()).isFalse(); // the socket stays open for the answer
        pump.flush();

        assertThat(server.text()).isEqualTo("upload");
        assertThat(client.text()).isEqualTo("got it");
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void aResetAfterThePeersCloseNotifyIsStillAConnectionDone() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        client.transport().write(ascii("all of it"));
        client.transport().loseConnection();
        while (!pump.serverTransport().isDisconnecting()) {
            assertThat(pump.pump()).isTrue(); // until the server has read the close_notify
        }
        assertThat(server.lost).isNotDone();
        ((TlsProtocol) pump.server()).connectionLost(new Failure(new ConnectionLost("Connection reset")));

        assertThat(server.text()).isEqualTo("all of it");
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void pausingStopsDecryptingRecordsThatAlreadyArrived() throws Exception {
        Recorder client = new Recorder();
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                transport().pauseProducing();
            }
        };
        IOPump pump = connect(server, client);
        client.transport().write(ascii("first"));
        client.transport().write(ascii("second"));
        client.transport().write(ascii("third"));
        pump.flush(); // all three records arrive in one delivery
        assertThat(server.text()).isEqualTo("first");
        server.transport().resumeProducing();
        assertThat(server.text()).isEqualTo("firstsecond");
        server.transport().resumeProducing();
        server.transport().resumeProducing();
        assertThat(server.text()).isEqualTo("firstsecondthird");
    }

    /** Writes {@code total} pseudo-random bytes through a {@link StreamingWriter}, then closes. */
    static final class Streamer extends Recorder {
        final long total;
        @Nullable StreamingWriter writer;

        Streamer(long total) {
            this.total = total;
        }

        @Override
        public void connectionMade() {
            super.connectionMade();
            StreamingWriter started = new StreamingWriter(transport(), total, 16 * 1024 + 7,
                    transport()::loseConnection);
            writer = started;
            started.start();
        }

        StreamingWriter writer() {
            return Objects.requireNonNull(writer, "not connected");
        }
    }

    @Test
    void pushProducerIsPausedByTheRealTransportAndEverythingArrives() throws Exception {
        long total = 8L * 1024 * 1024;
        CRC32 crc = new CRC32();
        long[] count = {0};
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                count[0] += data.remaining();
                crc.update(data);
            }
        };
        Streamer client = new Streamer(total);
        IOPump pump = connect(server, client);
        while (pump.pump()) {
            assertThat(pump.clientTransport().bufferedBytes()).isLessThan(256 * 1024);
        }
        assertThat(count[0]).isEqualTo(total);
        assertThat(crc.getValue()).isEqualTo(client.writer().crc());
        assertThat(client.writer().pauses()).isPositive();
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void aPushProducerWritingBeforeTheHandshakeIsPausedUntilItFinishes() throws Exception {
        long total = 1024 * 1024;
        long[] count = {0};
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                count[0] += data.remaining();
            }
        };
        Streamer client = new Streamer(total);
        IOPump pump = IOPump.connectedLoopback(wrap(TestTls.server(), false, server), IOPump.DEFAULT_SERVER_ADDRESS,
                wrap(TestTls.client(), true, client), IOPump.DEFAULT_CLIENT_ADDRESS, false);
        // connectionMade has run, nothing has been pumped: the handshake is still to come.
        assertThat(client.writer().pauses()).isEqualTo(1);
        assertThat(client.writer().written()).isBetween((long) TlsProtocol.HELD_BACK_LIMIT,
                (long) TlsProtocol.HELD_BACK_LIMIT + 16 * 1024 + 7);
        pump.flush();
        assertThat(count[0]).isEqualTo(total);
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void pullProducerIsAskedOnlyOnceTheHandshakeLetsItWrite() throws Exception {
        List<String> asked = new ArrayList<>();
        Recorder client = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                Protocol self = this;
                transport().registerProducer(new PullProducer() {
                    int left = 3;

                    @Override
                    public void resumeProducing() {
                        asked.add(((TlsTransport) self.transport()).handshakeInfo() == null ? "early" : "ok");
                        self.transport().write(ascii("piece" + left + ";"));
                        if (--left == 0) {
                            self.transport().unregisterProducer();
                            self.transport().loseConnection();
                        }
                    }

                    @Override
                    public void stopProducing() {
                    }
                }, false);
            }
        };
        Recorder server = new Recorder();
        connect(server, client);
        assertThat(asked).containsExactly("ok", "ok", "ok");
        assertThat(server.text()).isEqualTo("piece3;piece2;piece1;");
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void loseConnectionWaitsForTheProducerToUnregister() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        PushProducer idle = new PushProducer() {
            @Override
            public void pauseProducing() {
            }

            @Override
            public void resumeProducing() {
            }

            @Override
            public void stopProducing() {
            }
        };
        client.transport().registerProducer(idle, true);
        client.transport().loseConnection();
        pump.flush();
        assertThat(client.lost).isNotDone();
        client.transport().write(ascii("after"));
        client.transport().unregisterProducer();
        pump.flush();
        assertThat(server.text()).isEqualTo("after");
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    /** An endless pull producer: writes a 16 KiB piece each time it is asked, until it is stopped. */
    private static final class EndlessPull implements PullProducer {
        final Protocol owner;
        int asked;
        boolean stopped;

        EndlessPull(Protocol owner) {
            this.owner = owner;
        }

        @Override
        public void resumeProducing() {
            asked++;
            owner.transport().write(new byte[16 * 1024]);
        }

        @Override
        public void stopProducing() {
            stopped = true;
        }
    }

    /** A client that sends close_notify once it has read {@code enough} bytes, keeping its socket open. */
    private static final class HangingUpClient extends Recorder {
        final int enough;
        long read;

        HangingUpClient(int enough) {
            this.enough = enough;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            read += data.remaining();
            if (read >= enough && !transport().isDisconnecting()) {
                transport().loseConnection();
            }
        }
    }

    /**
     * Keeps the client's raw transport open after its close_notify, as a peer whose FIN the server has not
     * seen: the server must end the session on the close_notify alone.
     */
    private static void holdClientSocketOpen(IOPump pump) {
        pump.clientTransport().registerProducer(new PushProducer() {
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
    }

    @Test
    void peerCloseNotifyStopsARegisteredPullProducerAndEndsTheConnection() throws Exception {
        Recorder server = new Recorder();
        HangingUpClient client = new HangingUpClient(100 * 1024);
        IOPump pump = connect(server, client);
        holdClientSocketOpen(pump);
        EndlessPull producer = new EndlessPull(server);
        server.transport().registerProducer(producer, false);
        pump.flush();

        assertThat(producer.stopped).isTrue();
        assertThat(server.lost.getNow(null)).isNotNull();
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
        assertThat(pump.serverTransport().isDisconnecting()).isTrue();
        int asked = producer.asked;
        server.transport().write(ascii("dropped"));
        pump.flush();
        assertThat(producer.asked).isEqualTo(asked);
    }

    @Test
    void peerCloseNotifyStopsARegisteredPushProducerAndEndsTheConnection() throws Exception {
        Recorder server = new Recorder();
        HangingUpClient client = new HangingUpClient(1);
        IOPump pump = connect(server, client);
        holdClientSocketOpen(pump);
        boolean[] stopped = {false};
        server.transport().registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
            }

            @Override
            public void resumeProducing() {
            }

            @Override
            public void stopProducing() {
                stopped[0] = true;
                server.transport().unregisterProducer(); // as some producers do: harmless once stopped
            }
        }, true);
        server.transport().write(ascii("some of the response"));
        pump.flush();

        assertThat(stopped[0]).isTrue();
        assertThat(server.lost.getNow(null)).isNotNull();
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void echoingTheReceivedBufferWithoutCopyingIsStillSafe() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                transport().write(data); // the layer's own buffer: it must copy or encrypt at once
            }
        };
        Recorder client = new Recorder();
        client.greeting = ascii("bounce");
        connect(server, client);
        assertThat(client.text()).isEqualTo("bounce");
    }
}
