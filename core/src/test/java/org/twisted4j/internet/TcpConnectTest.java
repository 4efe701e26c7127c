package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TcpSupport.Recorder;

class TcpConnectTest {
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

    /** Records the connection events in order. */
    static final class Events extends ClientFactory {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Failure> failed = new CompletableFuture<>();

        Events() {
            super(Recorder::new);
        }

        @Override
        protected void startFactory() {
            events.add("start");
        }

        @Override
        protected void stopFactory() {
            events.add("stop");
        }

        @Override
        public void startedConnecting(Connector connector) {
            events.add("startedConnecting");
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            events.add("failed");
            failed.complete(reason);
        }
    }

    @Test
    void refusedConnectionReachesTheFactoryAsConnectionRefusedError() throws Exception {
        int closed = TcpEchoTest.closedPort();
        Events factory = new Events();
        running.run(() -> running.reactor.connectTCP("127.0.0.1", closed, factory));
        assertThat(factory.failed.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionRefusedError.class);
        assertThat(running.<List<String>>call(() -> List.copyOf(factory.events)))
                .containsExactly("start", "startedConnecting", "failed", "stop");
    }

    @Test
    void connectionNotAcceptedInTimeFailsWithConnectionTimeoutError() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            List<Socket> fillers = fillAcceptQueue(address);
            try {
                Events factory = new Events();
                running.run(() -> running.reactor.connectTCP("127.0.0.1", address.getPort(), factory, 0.3, null));
                Failure reason = factory.failed.get(T, TimeUnit.SECONDS);
                assertThat(reason.value()).isInstanceOf(ConnectionTimeoutError.class);
                assertThat(running.<List<String>>call(() -> List.copyOf(factory.events)))
                .containsExactly("start", "startedConnecting", "failed", "stop");
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    /** Connects until the server, which never accepts, lets a connection attempt go unanswered. */
    private static List<Socket> fillAcceptQueue(InetSocketAddress address) throws IOException {
        List<Socket> fillers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            fillers.add(filler);
            try {
                filler.connect(address, 200);
            } catch (SocketTimeoutException full) {
                return fillers;
            }
        }
        throw new AssertionError("the accept queue of a server with backlog 1 did not fill up");
    }

    @Test
    void stopConnectingFailsTheAttemptWithUserError() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(Recorder::new),
                50, "127.0.0.1"));
        Events factory = new Events();
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port), factory).stopConnecting());
        assertThat(factory.failed.get(T, TimeUnit.SECONDS).value()).isInstanceOf(UserError.class);
        assertThat(running.<List<String>>call(() -> List.copyOf(factory.events)))
                .containsExactly("start", "startedConnecting", "failed", "stop");
    }

    @Test
    void connectorCanReconnectAfterTheConnectionIsLost() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().loseConnection();
            }
        }), 50, "127.0.0.1"));
        CompletableFuture<Integer> twice = new CompletableFuture<>();
        int[] losses = {0};
        ClientFactory factory = new ClientFactory(Recorder::new) {
            @Override
            public void clientConnectionLost(Connector connector, Failure reason) {
                if (++losses[0] < 2) {
                    connector.connect();
                } else {
                    twice.complete(numPorts());
                }
            }
        };
        running.run(() -> running.reactor.connectTCP("localhost", TcpSupport.port(port), factory));
        assertThat(twice.get(T, TimeUnit.SECONDS)).as("the factory is still started while reconnecting").isEqualTo(1);
        assertThat(running.<Integer>call(factory::numPorts)).isZero();
    }

    @Test
    void connectsFromTheGivenLocalAddress() throws Exception {
        Recorder server = new Recorder();
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> server),
                50, "127.0.0.1"));
        Recorder client = new Recorder();
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port),
                ClientFactory.forProtocol(() -> client), 5, from));
        Transport clientSide = client.made.get(T, TimeUnit.SECONDS);
        Transport serverSide = server.made.get(T, TimeUnit.SECONDS);
        assertThat(serverSide.getPeer()).isEqualTo(clientSide.getHost());
        assertThat(clientSide.getPeer()).isEqualTo(port.getHost());
    }

    @Test
    void abortedConnectionIsLostUncleanlyOnTheOtherSide() throws Exception {
        ListeningPort port = running.call(() -> running.reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(java.nio.ByteBuffer data) {
                transport().abortConnection();
            }
        }), 50, "127.0.0.1"));
        Recorder client = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(TcpSupport.ascii("please abort"));
            }
        };
        running.run(() -> running.reactor.connectTCP("127.0.0.1", TcpSupport.port(port),
                ClientFactory.forProtocol(() -> client)));
        Failure reason = client.lost.get(T, TimeUnit.SECONDS);
        assertThat(reason.value()).isInstanceOf(ConnectionLost.class).isNotInstanceOf(ConnectionAborted.class);
    }
}
