package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.tls.LiveReactor.await;
import static org.twisted4j.testing.tls.Recorder.ascii;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsError;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.testing.StreamingWriter;

/**
 * TLS over real TCP sockets on 127.0.0.1, both ends on one reactor: core's {@link org.twisted4j.internet.NioReactor},
 * or the backend {@link LiveReactor} is told to use.
 */
class TlsOverTcpTest {
    private final LiveReactor live = new LiveReactor();

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    private void connect(TlsOptions serverOptions, Protocol server, TlsOptions clientOptions, Protocol client)
            throws Exception {
        ListeningPort port = live.call(() -> live.reactor.listenTCP(0,
                new TlsFactory(serverOptions, Factory.forProtocol(() -> server), false), 50, "127.0.0.1"));
        live.call(() -> live.reactor.connectTCP("127.0.0.1", LiveReactor.port(port),
                new TlsFactory(clientOptions, ClientFactory.forProtocol(() -> client), true)));
    }

    @Test
    void echoOverTlsAndCloseNotifyEndsBothSidesCleanly() throws Exception {
        Recorder server = new Recorder();
        server.echo = true;
        CompletableFuture<String> echoed = new CompletableFuture<>();
        Recorder client = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                if (text().equals("ping over TLS")) {
                    echoed.complete(text());
                    transport().loseConnection();
                }
            }
        };
        client.greeting = ascii("ping over TLS");
        connect(TestTls.server(), server, TestTls.client(), client);

        assertThat(await(echoed)).isEqualTo("ping over TLS");
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(await(server.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(await(server.handshake).protocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void serverCloseNotifyReachesTheClientAsConnectionDone() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void handshakeCompleted(org.twisted4j.internet.ssl.TlsHandshakeInfo info) {
                super.handshakeCompleted(info);
                transport().write(ascii("goodbye"));
                transport().loseConnection();
            }
        };
        Recorder client = new Recorder();
        connect(TestTls.server(), server, TestTls.client(), client);
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(live.<String>call(client::text)).isEqualTo("goodbye");
        assertThat(await(server.lost).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void handshakeFailureReachesConnectionLostAndClosesTheSocket() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        connect(TestTls.server(), server, TestTls.untrustingClient(), client);
        Failure clientReason = await(client.lost);
        assertThat(clientReason.value()).isInstanceOf(TlsError.class).hasCauseInstanceOf(SSLHandshakeException.class);
        Failure serverReason = await(server.lost);
        assertThat(serverReason.value()).isInstanceOf(TlsError.class);
        assertThat(serverReason.getErrorMessage()).contains("certificate_unknown");
    }

    /**
     * Writes {@code total} bytes in small writes and pairs of writes as soon as the handshake is done, then
     * hands the reader's resumption to the reactor, and closes. A push producer registered meanwhile tells whether
     * the writes queued: the transport pauses it once what waits passes its high-water mark, on every backend.
     */
    static final class SmallWrites extends Recorder {
        final int total;
        final CRC32 sent = new CRC32();
        boolean heldBack;
        Runnable whenWritten = () -> { };

        SmallWrites(int total) {
            this.total = total;
        }

        @Override
        public void handshakeCompleted(org.twisted4j.internet.ssl.TlsHandshakeInfo info) {
            super.handshakeCompleted(info);
            PushProducer watcher = new PushProducer() {
                @Override
                public void pauseProducing() {
                    heldBack = true;
                }

                @Override
                public void resumeProducing() {
                }

                @Override
                public void stopProducing() {
                }
            };
            transport().registerProducer(watcher, true);
            java.util.Random random = new java.util.Random(22);
            int written = 0;
            while (written < total) {
                byte[] first = new byte[Math.min(1 + random.nextInt(3000), total - written)];
                random.nextBytes(first);
                written += first.length;
                sent.update(first);
                if (written < total && random.nextBoolean()) {
                    byte[] second = new byte[Math.min(1 + random.nextInt(300), total - written)];
                    random.nextBytes(second);
                    written += second.length;
                    sent.update(second);
                    transport().writeSequence(java.util.List.of(ByteBuffer.wrap(first), ByteBuffer.wrap(second)));
                } else {
                    transport().write(first);
                }
            }
            transport().unregisterProducer();
            whenWritten.run();
            transport().loseConnection();
        }
    }

    /** Stops reading once the handshake is done, until told to go on; checks what arrives. */
    static final class SlowReader extends Recorder {
        final CRC32 received = new CRC32();
        long count;

        @Override
        public void handshakeCompleted(org.twisted4j.internet.ssl.TlsHandshakeInfo info) {
            super.handshakeCompleted(info);
            transport().pauseProducing();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            count += data.remaining();
            received.update(data);
        }
    }

    @Test
    void smallWritesQueuedBehindASlowReaderArriveIntact() throws Exception {
        int total = 24 << 20;
        SmallWrites server = new SmallWrites(total);
        SlowReader client = new SlowReader();
        server.whenWritten = () -> live.reactor.callLater(0, () -> client.transport().resumeProducing());
        connect(TestTls.server(), server, TestTls.client(), client);
        assertThat(await(client.lost).value()).isInstanceOf(ConnectionDone.class);
        assertThat(live.<Boolean>call(() -> server.heldBack)).as("the socket was full and writes queued").isTrue();
        assertThat(live.<Long>call(() -> client.count)).isEqualTo(total);
        assertThat(live.<Long>call(client.received::getValue)).isEqualTo(live.<Long>call(server.sent::getValue));
    }

    /** Echoes, pausing its reading while the way back is full. */
    static final class ThrottledEcho extends Protocol implements PushProducer {
        int pauses;
        boolean paused;
        Runnable onPause = () -> { };

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(copy);
        }

        @Override
        public void pauseProducing() {
            pauses++;
            paused = true;
            transport().pauseProducing();
            onPause.run();
        }

        @Override
        public void resumeProducing() {
            paused = false;
            transport().resumeProducing();
        }

        @Override
        public void stopProducing() {
        }
    }

    /** Streams {@code total} bytes through a {@link StreamingWriter} and checks that the same bytes come back. */
    static final class Sender extends Protocol {
        static final int CHUNK = 64 * 1024;
        final long total;
        final ReactorTime clock;
        final CRC32 received = new CRC32();
        final CompletableFuture<Long> done = new CompletableFuture<>();
        @Nullable StreamingWriter writer;
        long receivedBytes;
        boolean readingPaused;
        java.util.function.BooleanSupplier echoIsPaused = () -> false;

        Sender(long total, ReactorTime clock) {
            this.total = total;
            this.clock = clock;
        }

        @Override
        public void connectionMade() {
            StreamingWriter started = new StreamingWriter(transport(), total, CHUNK, () -> { });
            writer = started;
            started.start();
        }

        int pauses() {
            StreamingWriter current = writer;
            return current == null ? 0 : current.pauses();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            long before = receivedBytes;
            receivedBytes += data.remaining();
            received.update(data);
            if (receivedBytes == total) {
                transport().loseConnection();
            } else if (before / (16L << 20) != receivedBytes / (16L << 20)) {
                // Stop reading until the echo's way back is full and it pauses in turn.
                readingPaused = true;
                transport().pauseProducing();
                if (echoIsPaused.getAsBoolean()) {
                    echoPaused();
                }
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            StreamingWriter current = writer;
            long sent = current == null ? -1 : current.crc();
            if (receivedBytes == total && received.getValue() == sent && reason.check(ConnectionDone.class) != null) {
                done.complete(receivedBytes);
            } else {
                done.completeExceptionally(new AssertionError("received " + receivedBytes + " bytes, crc "
                        + received.getValue() + " against " + sent + ": " + reason.getErrorMessage()));
            }
        }

        /** The echo has paused: read again, from a later turn of the reactor. */
        void echoPaused() {
            if (readingPaused) {
                readingPaused = false;
                clock.callLater(0, transport()::resumeProducing);
            }
        }
    }

    /** Echoes 64 MiB through TLS on both ends; returns the seconds it took. */
    private double echoSixtyFourMebibytes(String what) throws Exception {
        long total = 64L << 20;
        ThrottledEcho server = new ThrottledEcho();
        Sender client = new Sender(total, live.reactor);
        server.onPause = client::echoPaused;
        client.echoIsPaused = () -> server.paused;
        long start = System.nanoTime();
        connect(TestTls.server(), server, TestTls.client(), client);
        assertThat(await(client.done)).isEqualTo(total);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("TLS 1.3 (%s): 64 MiB echoed in %.2f s (%.0f MiB/s each way); %d client pauses, "
                + "%d server pauses%n", what, seconds, 64 / seconds, live.<Integer>call(client::pauses), server.pauses);
        assertThat(live.<Integer>call(client::pauses)).isPositive();
        assertThat(live.<Integer>call(() -> server.pauses)).isPositive();
        return seconds;
    }

    @Test
    void sixtyFourMebibytesEchoIntactWithBackPressure() throws Exception {
        echoSixtyFourMebibytes("cold");
        echoSixtyFourMebibytes("warm");
    }
}
