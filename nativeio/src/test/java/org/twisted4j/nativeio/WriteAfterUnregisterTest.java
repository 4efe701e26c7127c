package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Reactors;

/**
 * A streaming producer is registered, paused by writes past the high-water mark, and unregistered while the
 * socket is still full; the writes made after that must go out too. The native connections once still took
 * themselves for streaming after the producer was gone, and the next write over the mark, reaching for the
 * producer to pause it, failed and dropped the connection (as the TLS layer's close_notify did, written after its
 * writer had unregistered).
 */
class WriteAfterUnregisterTest {
    private static final long T = 30;
    private static final int HALF = 1 << 20;

    @RegisterExtension
    final ReactorThread running = new ReactorThread(T);

    /** Writes {@code HALF} bytes with a producer registered, unregisters it, writes as much again and closes. */
    static final class Server extends Protocol implements PushProducer {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        int pauses;

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
            transport().write(ByteBuffer.allocate(HALF));
            transport().unregisterProducer();
            transport().write(ByteBuffer.allocate(HALF));
            transport().loseConnection();
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }

        @Override
        public void pauseProducing() {
            pauses++;
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.ALL)
    void writesAfterAPausedProducerIsUnregisteredGoOut(String backend) throws Exception {
        Server server = new Server();
        try (Socket socket = running.serve(backend, server)) {
            assertThat(socket.getInputStream().readAllBytes()).hasSize(2 * HALF);
        }
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        if (!backend.equals(Reactors.NIO)) {
            // A native connection queues every write of a callback until it ends, so the first one paused the
            // producer; NIO may have sent it at once, into the socket's buffers.
            assertThat(running.reactor().<Integer>blockingCallFromThread(() -> server.pauses)).as("the first write paused it")
                    .isPositive();
        }
    }
}
