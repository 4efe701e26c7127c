package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TcpSupport.Echo;
import org.twisted4j.internet.TcpSupport.Recorder;

class TcpEchoTest {
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

    /** Counts its starts and stops. */
    static final class CountingFactory extends Factory {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        CountingFactory() {
            super(Echo::new);
        }

        @Override
        protected void startFactory() {
            starts.incrementAndGet();
        }

        @Override
        protected void stopFactory() {
            stops.incrementAndGet();
        }
    }

    @Test
    void thousandConcurrentClientsEachGetTheirBytesBack() throws Exception {
        int clients = 1000;
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(Echo::new),
                clients, "127.0.0.1"));
        int portNumber = TcpSupport.port(port);
        long start = System.nanoTime();
        CountDownLatch allConnected = new CountDownLatch(clients);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int client = i;
                results.add(threads.submit(() -> {
                    byte[] mine = new byte[1024 + client];
                    new Random(client).nextBytes(mine);
                    try (Socket socket = TcpSupport.connect("127.0.0.1", portNumber)) {
                        allConnected.countDown();
                        allConnected.await();
                        socket.getOutputStream().write(mine);
                        return Arrays.equals(TcpSupport.readExactly(socket, mine.length), mine);
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(T, TimeUnit.SECONDS)).isTrue();
            }
        }
        System.out.printf("%d concurrent clients echoed in %.2f s%n", clients, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void echoOverIPv6WithOurOwnClient() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(Echo::new),
                50, "::1"));
        assertThat(port.getHost()).isInstanceOf(IPv6Address.class);
        Recorder client = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(ascii("over six"));
            }

            @Override
            public void dataReceived(java.nio.ByteBuffer data) {
                super.dataReceived(data);
                if (received.length() == "over six".length()) {
                    transport().loseConnection();
                }
            }
        };
        running.run(() -> running.reactor.connectTCP("::1", TcpSupport.port(port), ClientFactory.forProtocol(() -> client)));
        Transport transport = client.made.get(T, TimeUnit.SECONDS);
        Failure reason = client.lost.get(T, TimeUnit.SECONDS);
        assertThat(reason.value()).isInstanceOf(ConnectionDone.class);
        assertThat(running.<String>call(client.received::toString)).isEqualTo("over six");
        assertThat(transport.getPeer()).isEqualTo(port.getHost());
        assertThat(transport.getHost()).isInstanceOfSatisfying(IPv6Address.class,
                a -> assertThat(a.host()).isEqualTo("0:0:0:0:0:0:0:1"));
    }

    @Test
    void hostAndPeerAreTheTwoEndsOfTheConnection() throws Exception {
        Recorder server = new Recorder();
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> server),
                50, "127.0.0.1"));
        try (Socket socket = TcpSupport.connect("127.0.0.1", TcpSupport.port(port))) {
            Transport transport = server.made.get(T, TimeUnit.SECONDS);
            assertThat(transport.getHost()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1",
                    socket.getPort()));
            assertThat(transport.getPeer()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1",
                    socket.getLocalPort()));
            TCPTransport tcp = (TCPTransport) transport;
            running.run(() -> {
                tcp.setTcpNoDelay(true);
                tcp.setTcpKeepAlive(true);
                assertThat(tcp.getTcpNoDelay()).isTrue();
                assertThat(tcp.getTcpKeepAlive()).isTrue();
                tcp.setTcpNoDelay(false);
                assertThat(tcp.getTcpNoDelay()).isFalse();
            });
        }
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void stopListeningFiresOnceClosedAndStopsTheFactory() throws Exception {
        CountingFactory factory = new CountingFactory();
        ListeningPort first = running.call(() -> running.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        ListeningPort second = running.call(() -> running.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        assertThat(factory.starts).hasValue(1);
        int portNumber = TcpSupport.port(first);
        running.call(first::stopListening);
        assertThat(factory.stops).hasValue(0);
        assertThatThrownBy(() -> new Socket("127.0.0.1", portNumber).close()).isInstanceOf(ConnectException.class);
        running.call(second::stopListening);
        assertThat(factory.stops).hasValue(1);
        assertThat(factory.numPorts()).isZero();
        running.run(first::startListening); // asks for port 0 again: any free port
        try (Socket socket = TcpSupport.connect("127.0.0.1", TcpSupport.port(first))) {
            TcpSupport.send(socket, "again");
            assertThat(new String(TcpSupport.readExactly(socket, 5))).isEqualTo("again");
        }
        assertThat(factory.starts).hasValue(2);
    }

    @Test
    void listeningOnAPortInUseIsCannotListenError() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(Echo::new),
                50, "127.0.0.1"));
        assertThatThrownBy(() -> running.call(() -> running.reactor.listenTCP(TcpSupport.port(port),
                Factory.forProtocol(Echo::new), 50, "127.0.0.1")))
                .isInstanceOf(CannotListenError.class)
                .satisfies(e -> assertThat(((CannotListenError) e).port()).isEqualTo(TcpSupport.port(port)));
    }

    @Test
    void serverLoseConnectionReachesTheClientFactory() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().write(ascii("bye"));
                transport().loseConnection();
            }
        }), 50, "127.0.0.1"));
        Recorder client = new Recorder();
        java.util.concurrent.CompletableFuture<Failure> factoryLost = new java.util.concurrent.CompletableFuture<>();
        ClientFactory factory = new ClientFactory(() -> client) {
            @Override
            public void clientConnectionLost(Connector connector, Failure reason) {
                factoryLost.complete(reason);
            }
        };
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port), factory));
        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(factoryLost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(running.<String>call(client.received::toString)).isEqualTo("bye");
        assertThat(running.<Integer>call(factory::numPorts)).isZero();
    }

    @Test
    void stoppingTheReactorClosesConnectionsAndPorts() throws Exception {
        Recorder server = new Recorder();
        CountingFactory counting = new CountingFactory();
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> server),
                50, "127.0.0.1"));
        running.call(() -> running.reactor.listenTCP(0, counting, 50, "127.0.0.1"));
        Recorder client = new Recorder();
        java.util.concurrent.CompletableFuture<Failure> factoryLost = new java.util.concurrent.CompletableFuture<>();
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port),
                new ClientFactory(() -> client) {
                    @Override
                    public void clientConnectionLost(Connector connector, Failure reason) {
                        factoryLost.complete(reason);
                    }
                }));
        server.made.get(T, TimeUnit.SECONDS);
        client.made.get(T, TimeUnit.SECONDS);
        running.close();
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionLost.class);
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionLost.class);
        assertThat(factoryLost.getNow(null).value()).isInstanceOf(ConnectionLost.class);
        assertThat(counting.stops).hasValue(1);
        assertThatThrownBy(() -> new Socket("127.0.0.1", TcpSupport.port(port)).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void factoryReturningNoProtocolClosesTheConnection() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, new Factory() {
            @Override
            public @org.jspecify.annotations.Nullable Protocol buildProtocol(Address peer) {
                return null;
            }
        }, 50, "127.0.0.1"));
        try (Socket socket = TcpSupport.connect("127.0.0.1", TcpSupport.port(port))) {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
