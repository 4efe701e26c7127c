package org.twisted4j.testing.runner;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.WrappingFactory;
import org.twisted4j.runner.InetdConf;
import org.twisted4j.runner.InetdEntry;
import org.twisted4j.runner.InetdService;
import org.twisted4j.runner.InternalServices;
import org.twisted4j.runner.KnownServices;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/** The inetd with real programs behind real loopback connections. */
@ExtendWith(TrialExtension.class)
class InetdOverNioReactorTest {
    private static final String USER = System.getProperty("user.name");

    private NioReactor reactor;
    private InetdService inetd;

    @BeforeEach
    void startInetd(NioReactor reactor) {
        this.reactor = reactor;
        List<InetdEntry> entries = InetdConf.parse("""
                # programs on free ports
                0 stream tcp nowait %s /bin/cat cat
                0 stream tcp nowait %s /bin/echo echo hi
                0 stream tcp nowait %s /bin/ls ls /no-such-directory-for-inetd
                0 stream tcp nowait %s /no/such/program program
                """.formatted(USER, USER, USER, USER), KnownServices.builtIn());
        inetd = new InetdService(reactor, entries);
        inetd.startService();
    }

    @AfterEach
    void stopInetd() throws Exception {
        Coroutine.await(inetd.stopService());
    }

    private int portOf(int index) throws Exception {
        InetdEntry entry = inetd.entries().get(index);
        return ((IPv4Address) Coroutine.await(inetd.serverFor(entry).whenListening()).getHost()).port();
    }

    /** A client that keeps what it receives and tells when it has some amount, and when the connection ends. */
    private static final class Client extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deferred<Client> connected = new Deferred<>();
        final Deferred<Client> closed = new Deferred<>();
        private @Nullable Deferred<Client> waiting;
        private int waitingFor;

        @Override
        public void connectionMade() {
            connected.callback(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
            Deferred<Client> current = waiting;
            if (current != null && received.size() >= waitingFor) {
                waiting = null;
                current.callback(this);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            closed.callback(this);
        }

        Deferred<Client> whenReceived(int count) {
            waiting = new Deferred<>();
            waitingFor = count;
            Deferred<Client> result = waiting;
            if (received.size() >= count) {
                waiting = null;
                result.callback(this);
            }
            return result;
        }

        TCPTransport tcp() {
            return (TCPTransport) transport();
        }
    }

    private Client connect(int port) throws Exception {
        Client client = new Client();
        reactor.connectTCP("127.0.0.1", port, ClientFactory.forProtocol(() -> client));
        return Coroutine.await(client.connected);
    }

    @Test
    void catEchoesWhileTheConnectionIsOpenAndClosesAfterTheClientHalfCloses() throws Exception {
        Client client = connect(portOf(0));

        client.transport().write("hello\n".getBytes(US_ASCII));
        Coroutine.await(client.whenReceived(6));
        assertThat(client.received.toString(US_ASCII)).isEqualTo("hello\n");

        client.transport().write("again\n".getBytes(US_ASCII));
        client.tcp().loseWriteConnection();
        Coroutine.await(client.closed);
        assertThat(client.received.toString(US_ASCII)).isEqualTo("hello\nagain\n");
    }

    @Test
    void aMegabyteGoesThroughCatBothWaysIntact() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(864).nextBytes(data);
        Client client = connect(portOf(0));

        client.transport().write(data);
        client.tcp().loseWriteConnection();
        Coroutine.await(client.closed);

        assertThat(client.received.toByteArray()).isEqualTo(data);
    }

    @Test
    void echoAnswersHiAndCloses() throws Exception {
        Client client = connect(portOf(1));
        Coroutine.await(client.closed);
        assertThat(client.received.toString(US_ASCII)).isEqualTo("hi\n");
    }

    @Test
    void whatTheProgramWritesToStandardErrorIsLoggedWithTheServiceName() throws Exception {
        List<LogEvent> lines = new ArrayList<>();
        LogObserver observer = event -> {
            if (event.field("line") != null) {
                lines.add(event);
            }
        };
        LogPublisher.global().addObserver(observer);
        try {
            Client client = connect(portOf(2));
            Coroutine.await(client.closed);
            assertThat(client.received.size()).isZero();
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(lines).singleElement().satisfies(event -> {
            assertThat(event.field("tag")).isEqualTo("0");
            assertThat(event.field("stream")).isEqualTo("stderr");
            assertThat((String) event.field("line")).contains("/no-such-directory-for-inetd");
        });
    }

    @Test
    void aProgramThatCannotStartIsLoggedAndTheConnectionClosed(Trial trial) throws Exception {
        Client client = connect(portOf(3));
        Coroutine.await(client.closed);

        assertThat(client.received.size()).isZero();
        assertThat(trial.flushLoggedErrors(UncheckedIOException.class)).hasSize(1);
    }

    @Test
    void chargenStreamsItsPatternUntilTheClientClosesAndThenStops() throws Exception {
        Deferred<@Nullable Void> serverLost = new Deferred<>();
        WrappingFactory watched = new WrappingFactory(InternalServices.chargen(reactor)) {
            @Override
            protected void unregisterProtocol(ProtocolWrapper protocol) {
                super.unregisterProtocol(protocol);
                serverLost.callback(null);
            }
        };
        ListeningPort port = reactor.listenTCP(0, watched, 50, "127.0.0.1");
        try {
            Client client = connect(((IPv4Address) port.getHost()).port());
            Coroutine.await(client.whenReceived(1 << 20));
            client.transport().loseConnection();
            Coroutine.await(client.closed);

            byte[] received = client.received.toByteArray();
            for (int i = 0; i < 1 << 20; i++) {
                int line = i / 74;
                int column = i % 74;
                byte expected = column == 72 ? (byte) '\r' : column == 73 ? (byte) '\n'
                        : (byte) (' ' + (line + column) % 95);
                if (received[i] != expected) {
                    throw new AssertionError("byte " + i + " is " + received[i] + ", not " + expected);
                }
            }
            Coroutine.await(serverLost);
            double soon = reactor.seconds() + 60;                  // the test's own time limit is later
            assertThat(reactor.getDelayedCalls()).as("chargen stopped with its connection")
                    .noneMatch(call -> call.getTime() < soon);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
