package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.Reactors;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.peers.Peer;

/**
 * UNIX stream sockets on names in Linux's abstract namespace ({@code unix:@NAME}) on the native reactors: listen,
 * connect and echo through the endpoints, the addresses each side sees, a name taken twice and freed again, a
 * missing name refused, Python's sockets on {@code "\0NAME"} as the peer both ways, and NIO's refusal naming the
 * reactors that have them.
 */
class AbstractUnixSocketTest {
    private static final long T = 30;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private ReactorBackend reactor;
    @RegisterExtension
    final ReactorThread running = new ReactorThread(T);

    private void start(ReactorBackend backend) throws Exception {
        reactor = backend;
        running.start(reactor);
    }

    /** A name no other test or process uses. */
    private static String uniqueName() {
        return "twisted4j-test-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /** Echoes what it gets; remembers the addresses it saw. */
    static final class Echo extends Protocol {
        static final CompletableFuture<List<Address>> SEEN = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            SEEN.obtrudeValue(List.of(transport().getHost(), transport().getPeer()));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            transport().write(copy);
        }
    }

    /** Writes a greeting, collects what comes back, and closes when it has {@code expected} bytes. */
    static final class Client extends Protocol {
        final StringBuilder received = new StringBuilder();
        final CompletableFuture<String> done = new CompletableFuture<>();
        final CompletableFuture<List<Address>> seen = new CompletableFuture<>();
        private final String greeting;
        private final int expected;

        Client(String greeting, int expected) {
            this.greeting = greeting;
            this.expected = expected;
        }

        @Override
        public void connectionMade() {
            seen.complete(List.of(transport().getHost(), transport().getPeer()));
            if (!greeting.isEmpty()) {
                transport().write(ByteBuffer.wrap(greeting.getBytes(StandardCharsets.US_ASCII)));
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received.append(StandardCharsets.US_ASCII.decode(data));
            if (received.length() >= expected) {
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            done.complete(received.toString());
        }
    }

    private ListeningPort listen(String description) throws Exception {
        return reactor.blockingCallFromThread(() -> Endpoints.serverFromString(reactor, description)
                .listen(Factory.forProtocol(Echo::new)));
    }

    private Client connect(String description, Client client) throws Exception {
        reactor.blockingCallFromThread(() -> Endpoints.clientFromString(reactor, description)
                .connect(Factory.forProtocol(() -> client)));
        return client;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void listensConnectsAndEchoesOnAnAbstractNameWithTwistedsAddresses(String backend) throws Exception {
        start(Backends.require(backend));
        String name = uniqueName();
        ListeningPort port = listen("unix:@" + name);
        UNIXAddress address = UNIXAddress.abstractName(name);
        assertThat(port.getHost()).isEqualTo(address);
        assertThat(((UNIXAddress) port.getHost()).name()).isEqualTo("\0" + name);

        Client client = connect("unix:\0" + name, new Client("hello, abstract", 15));
        assertThat(client.done.get(T, TimeUnit.SECONDS)).isEqualTo("hello, abstract");
        assertThat(client.seen.get(T, TimeUnit.SECONDS)).containsExactly(new UNIXAddress(null), address);
        assertThat(Echo.SEEN.get(T, TimeUnit.SECONDS)).containsExactly(address, new UNIXAddress(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void aNameInUseIsRefusedAndFreeAgainOnceItsPortCloses(String backend) throws Exception {
        start(Backends.require(backend));
        String name = uniqueName();
        ListeningPort port = listen("unix:@" + name);
        assertThatThrownBy(() -> listen("unix:@" + name)).isInstanceOf(CannotListenError.class)
                .hasMessageContaining("@" + name);
        reactor.blockingCallFromThread(port::stopListening);
        ListeningPort again = listen("unix:@" + name);
        assertThat(again.getHost()).isEqualTo(UNIXAddress.abstractName(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void aMissingNameIsRefused(String backend) throws Exception {
        start(Backends.require(backend));
        assertThatThrownBy(() -> connect("unix:@" + uniqueName(), new Client("", 0)))
                .isInstanceOf(ConnectionRefusedError.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.NATIVE)
    void pythonsSocketsReachOurServerAndServeOurClientOnAbstractNames(String backend) throws Exception {
        Path python = Peer.PYTHON.require();
        start(Backends.require(backend));
        String ours = uniqueName();
        listen("unix:@" + ours);
        Process asking = new ProcessBuilder(python.toString(), "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect("\\0" + sys.argv[1])
                s.sendall(b"ping from python")
                got = b""
                while len(got) < 16:
                    more = s.recv(100)
                    if not more:
                        break
                    got += more
                print(got.decode(), repr(s.getpeername()))
                """, ours).redirectErrorStream(true).start();
        assertThat(output(asking)).isEqualTo("ping from python b'\\x00" + ours + "'");

        String theirs = uniqueName();
        Process serving = new ProcessBuilder(python.toString(), "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind("\\0" + sys.argv[1])
                s.listen(1)
                print("ready", flush=True)
                c, _ = s.accept()
                c.sendall(b"hello from python")
                c.close()
                """, theirs).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(serving.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("ready");
            Client client = connect("unix:@" + theirs, new Client("", 17));
            assertThat(client.done.get(T, TimeUnit.SECONDS)).isEqualTo("hello from python");
            assertThat(client.seen.get(T, TimeUnit.SECONDS).get(1)).isEqualTo(UNIXAddress.abstractName(theirs));
        } finally {
            serving.destroy();
            serving.waitFor(T, TimeUnit.SECONDS);
        }
    }

    private static String output(Process process) throws Exception {
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(T, TimeUnit.SECONDS)).as("python ended").isTrue();
            assertThat(process.exitValue()).as("python's exit status; it said: %s", out).isZero();
            return out;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void nioRefusesAbstractNamesNamingTheReactorsThatHaveThem() throws Exception {
        start(Reactors.require(Reactors.NIO));
        assertThatThrownBy(() -> listen("unix:@" + uniqueName()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("--reactor epoll").hasMessageContaining("io_uring");
        assertThatThrownBy(() -> connect("unix:@" + uniqueName(), new Client("", 0)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("--reactor epoll");
    }
}
