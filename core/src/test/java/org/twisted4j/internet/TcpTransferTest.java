package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

/** Large transfers through echo servers: with back-pressure on both sides, and with none. */
class TcpTransferTest {
    private static final long TOTAL = 256L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final long STALL_EVERY = 16L * 1024 * 1024;

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    /**
     * Echoes, and registers its own transport as the producer of what it writes: when the way back to the
     * client is full, it stops reading from the client (as Twisted's proxies do).
     */
    static final class ThrottledEcho extends Protocol implements PushProducer {
        long maxQueued;
        int pauses;

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(TcpSupport.copy(data));
            maxQueued = Math.max(maxQueued, TcpSupport.queuedBytes(transport()));
        }

        @Override
        public void pauseProducing() {
            pauses++;
            transport().pauseProducing();
        }

        @Override
        public void resumeProducing() {
            transport().resumeProducing();
        }

        @Override
        public void stopProducing() {
        }
    }

    /** Sends {@link #TOTAL} pseudo-random bytes as fast as allowed and checks what comes back. */
    static final class Sender extends Protocol implements PushProducer {
        final ReactorTime reactor;
        final CRC32 sent = new CRC32();
        final CRC32 received = new CRC32();
        final CompletableFuture<Long> done = new CompletableFuture<>();
        long sentBytes;
        long receivedBytes;
        long maxQueued;
        long seed = 0x9E3779B97F4A7C15L;
        int pauses;
        boolean paused;

        Sender(ReactorTime reactor) {
            this.reactor = reactor;
        }

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
            produce();
        }

        private void produce() {
            while (!paused && sentBytes < TOTAL) {
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                while (chunk.hasRemaining()) {
                    seed ^= seed << 13;
                    seed ^= seed >>> 7;
                    seed ^= seed << 17;
                    chunk.putLong(seed);
                }
                chunk.flip();
                sent.update(chunk.duplicate());
                sentBytes += CHUNK;
                transport().write(chunk);
                maxQueued = Math.max(maxQueued, TcpSupport.queuedBytes(transport()));
            }
            if (sentBytes == TOTAL && !paused) {
                paused = true;
                transport().unregisterProducer();
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            long before = receivedBytes;
            receivedBytes += data.remaining();
            received.update(data);
            if (receivedBytes == TOTAL) {
                transport().loseConnection();
            } else if (before / STALL_EVERY != receivedBytes / STALL_EVERY) {
                // A slow reader now and then, so that the server's way back fills up.
                transport().pauseProducing();
                reactor.callLater(0.01, transport()::resumeProducing);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (receivedBytes == TOTAL && received.getValue() == sent.getValue()) {
                done.complete(receivedBytes);
            } else {
                done.completeExceptionally(new AssertionError("received " + receivedBytes + " bytes, crc "
                        + received.getValue() + " against " + sent.getValue() + ": " + reason));
            }
        }

        @Override
        public void pauseProducing() {
            pauses++;
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
            produce();
        }

        @Override
        public void stopProducing() {
            paused = true;
        }
    }

    @Test
    void quarterGigabyteArrivesIntactWithBoundedWriteQueues() throws Exception {
        ThrottledEcho server = new ThrottledEcho();
        Sender client = new Sender(running.reactor);
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> server), 50,
                "127.0.0.1"));
        long start = System.nanoTime();
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port),
                ClientFactory.forProtocol(() -> client)));
        assertThat(client.done.get(300, TimeUnit.SECONDS)).isEqualTo(TOTAL);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.run(() -> {
            System.out.printf("256 MiB echoed in %.2f s (%.0f MiB/s each way); server queue max %d bytes, "
                    + "%d server pauses, client queue max %d, %d client pauses%n", seconds, 256 / seconds,
                    server.maxQueued, server.pauses, client.maxQueued, client.pauses);
            long bound = NioReactor.DEFAULT_HIGH_WATER_MARK + NioReactor.READ_BUFFER_SIZE;
            assertThat(server.maxQueued).isLessThanOrEqualTo(bound);
            assertThat(client.maxQueued).isLessThanOrEqualTo(NioReactor.DEFAULT_HIGH_WATER_MARK + CHUNK);
            assertThat(client.pauses).isPositive();
            assertThat(server.pauses).isPositive();
        });
    }

    /** Writes back the very buffer it is lent, with no back-pressure: the transport keeps what waits. */
    static final class LentBufferEcho extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    @Test
    void lentBuffersEchoedInBulkComeBackIntactAndInOrder() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0,
                Factory.forProtocol(LentBufferEcho::new), 50, "127.0.0.1"));
        byte[] data = new byte[32 * 1024 * 1024];
        new Random(7).nextBytes(data);
        try (Socket socket = TcpSupport.connect("127.0.0.1", TcpSupport.port(port));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> sending = threads.submit(() -> {
                socket.getOutputStream().write(data);
                return null;
            });
            byte[] back = TcpSupport.readExactly(socket, data.length);
            sending.get(RunningReactor.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(Arrays.mismatch(back, data)).as("first differing byte").isEqualTo(-1);
        }
    }

    /**
     * The client sends everything before reading anything, through a small receive buffer: the server's
     * echoes of its lent read buffer wait in its write queue while it goes on reading, more reads than its
     * pool has buffers. Queued bytes that aliased a read buffer reused by a later read would come back as
     * later bytes.
     */
    @Test
    void echoesQueuedFromTheReadBufferAreNotOverwrittenByLaterReads() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0,
                Factory.forProtocol(LentBufferEcho::new), 50, "127.0.0.1"));
        byte[] data = new byte[(ReadBuffers.MAX_BUFFERS + 16) * NioReactor.READ_BUFFER_SIZE];
        new Random(11).nextBytes(data);
        try (Socket socket = new Socket();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", TcpSupport.port(port)));
            Future<?> sending = threads.submit(() -> {
                socket.getOutputStream().write(data);
                return null;
            });
            sending.get(RunningReactor.TIMEOUT_SECONDS, TimeUnit.SECONDS); // all read by the server, none by us
            byte[] back = TcpSupport.readExactly(socket, data.length);
            assertThat(Arrays.mismatch(back, data)).as("first differing byte").isEqualTo(-1);
        }
    }
}
