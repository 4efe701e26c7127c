package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorBackend;

/**
 * A peer that sends a few bytes and then resets the connection: the reset must be reported, however close it
 * follows the bytes. On io_uring, Netty's multishot polls lost such a reset about one time in three (the
 * server's close then waited for ever behind its idle producer), so each case runs many connections on one
 * reactor: with the fault back, some of them would never end.
 */
class ResetAfterDataTest {
    private static final long T = 30;
    private static final int CONNECTIONS = 60;

    private ReactorBackend reactor;
    @RegisterExtension
    final ReactorThread running = new ReactorThread(T);

    private void start(String backend) throws Exception {
        reactor = Backends.require(backend);
        running.start(reactor);
    }

    /** Writes "partial" and then either asks to close behind an idle producer or only waits. */
    static final class Server extends Protocol {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        private final boolean closeBehindAProducer;

        Server(boolean closeBehindAProducer) {
            this.closeBehindAProducer = closeBehindAProducer;
        }

        @Override
        public void connectionMade() {
            if (closeBehindAProducer) {
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
            }
            transport().write(ByteBuffer.wrap("partial".getBytes(StandardCharsets.US_ASCII)));
            if (closeBehindAProducer) {
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    private void everyResetIsNoticed(String backend, boolean closeBehindAProducer) throws Exception {
        start(backend);
        BlockingQueue<Server> made = new LinkedBlockingQueue<>();
        ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, Factory.forProtocol(() -> {
            Server server = new Server(closeBehindAProducer);
            made.add(server);
            return server;
        }), 50, "127.0.0.1"));
        for (int i = 0; i < CONNECTIONS; i++) {
            sendThenReset(((IPv4Address) port.getHost()).port());
            Server server = made.poll(T, TimeUnit.SECONDS);
            assertThat(server).as("connection %d was accepted", i).isNotNull();
            assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).as("connection %d", i)
                    .isInstanceOf(ConnectionLost.class);
        }
    }

    private static void sendThenReset(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                    .isEqualTo("partial");
            socket.getOutputStream().write("ignored".getBytes(StandardCharsets.US_ASCII));
            socket.setSoLinger(true, 0); // close with a reset
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void aResetJustAfterDataIsNoticedWhileACloseWaitsBehindAProducer(String backend) throws Exception {
        everyResetIsNoticed(backend, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void aResetJustAfterDataIsNoticedByAConnectionThatOnlyReads(String backend) throws Exception {
        everyResetIsNoticed(backend, false);
    }

    @Test
    void ioUringReactorsPollOnceAtATime() {
        Backends.require("io_uring");
        assertThat(IoUring.isPollAddMultishotEnabled()).isFalse();
    }
}
