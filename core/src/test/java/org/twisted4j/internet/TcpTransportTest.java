package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TcpSupport.Echo;
import org.twisted4j.internet.TcpSupport.Recorder;

class TcpTransportTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    private int listen(Supplier<? extends Protocol> protocol) throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(protocol), 50,
                "127.0.0.1"));
        return TcpSupport.port(port);
    }

    /** Counts what arrives and answers with the count once the peer half-closes. */
    static class Counter extends Recorder implements HalfCloseableProtocol {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void readConnectionLost() {
            events.add("readConnectionLost");
            transport().write(ascii("got " + received.length() + " bytes"));
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            events.add("writeConnectionLost");
        }
    }

    @Test
    void peerHalfCloseReachesAHalfCloseableProtocolWhichCanStillWrite() throws Exception {
        Counter server = new Counter();
        int port = listen(() -> server);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            TcpSupport.send(socket, "hello world");
            socket.shutdownOutput();
            assertThat(TcpSupport.readAll(socket)).isEqualTo("got 11 bytes");
        }
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.events).containsExactly("readConnectionLost");
    }

    @Test
    void peerHalfCloseClosesAProtocolThatIsNotHalfCloseable() throws Exception {
        Recorder server = new Recorder();
        int port = listen(() -> server);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            TcpSupport.send(socket, "hi");
            socket.shutdownOutput();
            assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
            assertThat(TcpSupport.readAll(socket)).isEmpty();
        }
    }

    @Test
    void bytesWrittenAfterLoseConnectionInTheSameCallbackStillGoOut() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                transport().write(ascii("before "));
                transport().loseConnection();
                transport().write(ascii("after"));
            }
        };
        int port = listen(() -> server);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            TcpSupport.send(socket, "bye");
            assertThat(TcpSupport.readAll(socket)).isEqualTo("before after");
        }
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void loseWriteConnectionSendsEndOfStreamAndKeepsReading() throws Exception {
        Counter server = new Counter() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(ascii("greeting"));
                ((TCPTransport) transport()).loseWriteConnection();
            }

            @Override
            public void readConnectionLost() {
                events.add("readConnectionLost " + received);
                transport().loseConnection();
            }
        };
        int port = listen(() -> server);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(TcpSupport.readAll(socket)).isEqualTo("greeting");
            TcpSupport.send(socket, "reply after end of stream");
            socket.shutdownOutput();
            assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        }
        assertThat(server.events).containsExactly("writeConnectionLost",
                "readConnectionLost reply after end of stream");
    }

    @Test
    void protocolThatThrowsIsAbortedWithoutDisturbingItsNeighbour() throws Exception {
        List<Failure> losses = new CopyOnWriteArrayList<>();
        int port = listen(() -> new Echo() {
            @Override
            public void dataReceived(ByteBuffer data) {
                if (StandardCharsets.US_ASCII.decode(data.duplicate()).toString().contains("boom")) {
                    throw new IllegalStateException("expected by the test: boom");
                }
                super.dataReceived(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                losses.add(reason);
            }
        });
        try (Socket neighbour = TcpSupport.connect("127.0.0.1", port);
                Socket victim = TcpSupport.connect("127.0.0.1", port)) {
            TcpSupport.send(neighbour, "before");
            assertThat(new String(TcpSupport.readExactly(neighbour, 6), StandardCharsets.US_ASCII)).isEqualTo("before");
            TcpSupport.send(victim, "boom");
            assertThat(endOfStreamOrReset(victim)).isTrue();
            TcpSupport.send(neighbour, "after");
            assertThat(new String(TcpSupport.readExactly(neighbour, 5), StandardCharsets.US_ASCII)).isEqualTo("after");
            assertThat(losses).hasSize(1);
            assertThat(losses.get(0).value()).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
        }
    }

    /** Reads until the connection ends; true once it does, by end of stream or reset. */
    private static boolean endOfStreamOrReset(Socket socket) {
        try {
            socket.getInputStream().readAllBytes();
            return true;
        } catch (SocketTimeoutException timedOut) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void abortConnectionReportsConnectionAbortedOnALaterTurn() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Recorder server = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(ascii("dropped, probably"));
                transport().abortConnection();
                order.add("aborted");
            }

            @Override
            public void connectionLost(Failure reason) {
                order.add("connectionLost");
                super.connectionLost(reason);
            }
        };
        int port = listen(() -> server);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionAborted.class);
            assertThat(order).containsExactly("aborted", "connectionLost");
            assertThat(endOfStreamOrReset(socket)).isTrue();
        }
    }

    @Test
    void loseConnectionWaitsForTheRegisteredProducerToUnregister() throws Exception {
        int port = listen(() -> new Protocol() {
            @Override
            public void connectionMade() {
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
                transport().registerProducer(idle, true);
                transport().write(ascii("first "));
                transport().loseConnection();
                running.reactor.callLater(0.05, () -> {
                    transport().write(ascii("last"));
                    transport().unregisterProducer();
                });
            }
        });
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(TcpSupport.readAll(socket)).isEqualTo("first last");
        }
    }

    /**
     * A server that writes a little, registers an idle producer and asks to close: the close waits for the
     * producer, and the connection must still notice what the client does meanwhile.
     */
    private int listenClosingBehindAnIdleProducer(CompletableFuture<Failure> lost, CompletableFuture<String> stopped)
            throws Exception {
        return listen(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().registerProducer(new PushProducer() {
                    @Override
                    public void pauseProducing() {
                    }

                    @Override
                    public void resumeProducing() {
                    }

                    @Override
                    public void stopProducing() {
                        stopped.complete("stopped");
                    }
                }, true);
                transport().write(ascii("partial"));
                transport().loseConnection();
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                lost.completeExceptionally(new AssertionError("data delivered after loseConnection"));
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        });
    }

    @Test
    void aResetWhileClosingBehindAProducerIsNoticed() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        CompletableFuture<String> stopped = new CompletableFuture<>();
        int port = listenClosingBehindAnIdleProducer(lost, stopped);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                    .isEqualTo("partial");
            socket.getOutputStream().write(ascii("ignored"));
            socket.setSoLinger(true, 0); // close with a reset
        }
        assertThat(lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionLost.class);
        assertThat(stopped.get(T, TimeUnit.SECONDS)).isEqualTo("stopped");
    }

    @Test
    void aPeersEndOfStreamWhileClosingBehindAProducerClosesAProtocolThatIsNotHalfCloseable() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        CompletableFuture<String> stopped = new CompletableFuture<>();
        int port = listenClosingBehindAnIdleProducer(lost, stopped);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                    .isEqualTo("partial");
            socket.shutdownOutput();
            assertThat(lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
            assertThat(stopped.get(T, TimeUnit.SECONDS)).isEqualTo("stopped");
        }
    }

    @Test
    void pullProducerIsAskedForMoreEachTimeTheBufferEmpties() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        int port = listen(() -> new Protocol() {
            int next;

            @Override
            public void connectionMade() {
                transport().registerProducer(new PullProducer() {
                    @Override
                    public void resumeProducing() {
                        transport().write(ascii(next + ","));
                        if (++next == 100) {
                            transport().unregisterProducer();
                            transport().loseConnection();
                        }
                    }

                    @Override
                    public void stopProducing() {
                        lost.completeExceptionally(new AssertionError("stopped while producing"));
                    }
                }, false);
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(i).append(',');
        }
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(TcpSupport.readAll(socket)).isEqualTo(expected.toString());
        }
        assertThat(lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void pausedTransportDeliversNothingUntilResumed() throws Exception {
        CompletableFuture<String> arrived = new CompletableFuture<>();
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
                if (received.length() == "while paused".length()) {
                    arrived.complete(received.toString());
                }
            }
        };
        int port = listen(() -> server);
        int echo = listen(Echo::new);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            Transport transport = server.made.get(T, TimeUnit.SECONDS);
            running.run(transport::pauseProducing);
            TcpSupport.send(socket, "while paused");
            // Round trips through another connection show the reactor taking turns meanwhile.
            try (Socket other = TcpSupport.connect("127.0.0.1", echo)) {
                for (int i = 0; i < 20; i++) {
                    TcpSupport.send(other, "x");
                    TcpSupport.readExactly(other, 1);
                }
            }
            assertThat(running.<String>call(server.received::toString)).isEmpty();
            running.run(transport::resumeProducing);
            assertThat(arrived.get(T, TimeUnit.SECONDS)).isEqualTo("while paused");
        }
    }

    @Test
    void writingTheReceivedBufferItselfIsSafeWhenItMustBeQueued() throws Exception {
        int port = listen(() -> new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                transport().write(data); // the reactor's read buffer, reused after this call
            }
        });
        byte[] sent = new byte[32 * 1024 * 1024];
        new java.util.Random(7).nextBytes(sent);
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            // Send everything before reading anything, so the echo piles up in the server's write queue.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(sent);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = TcpSupport.readExactly(socket, sent.length);
            writer.join();
            assertThat(java.util.Arrays.equals(echoed, sent)).as("echo identical").isTrue();
        }
    }

    @Test
    void writeSequenceSendsTheBuffersInOrder() throws Exception {
        int port = listen(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().writeSequence(List.of(ByteBuffer.wrap(ascii("one ")), ByteBuffer.allocate(0),
                        ByteBuffer.wrap(ascii("two ")), ByteBuffer.wrap(ascii("three"))));
                transport().writeSequence(List.of(ByteBuffer.wrap(ascii(" four"))));
                transport().loseConnection();
            }
        });
        try (Socket socket = TcpSupport.connect("127.0.0.1", port)) {
            assertThat(TcpSupport.readAll(socket)).isEqualTo("one two three four");
        }
    }
}
