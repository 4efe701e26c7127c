package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TcpSupport.Echo;
import org.twisted4j.internet.TcpSupport.Recorder;
import org.twisted4j.internet.TcpTransportTest.Counter;

class UnixSocketTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    @TempDir
    Path dir;
    private Path socket;
    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        socket = dir.resolve("s.sock");
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    /** A client that sends a greeting once connected and records what comes back. */
    static final class Greeter extends Recorder {
        @Override
        public void connectionMade() {
            transport().write(ascii("hello over a unix socket"));
            super.connectionMade();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            super.dataReceived(data);
            if (received.length() == "hello over a unix socket".length()) {
                transport().loseConnection();
            }
        }
    }

    /** A client factory that records how the attempt ended. */
    static final class Outcome extends ClientFactory {
        final CompletableFuture<Failure> failed = new CompletableFuture<>();

        Outcome(java.util.function.Supplier<? extends Protocol> protocol) {
            super(protocol);
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            failed.complete(reason);
        }
    }

    private ListeningPort listen(Protocol server, int mode, boolean wantPID) throws Exception {
        return running.call(() -> running.reactor.listenUNIX(socket, Factory.forProtocol(() -> server), 50, mode,
                wantPID));
    }

    @Test
    void bytesSentOverAUnixSocketComeBack() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void dataReceived(ByteBuffer data) {
                transport().write(ByteBuffer.wrap(TcpSupport.copy(data)));
            }
        };
        ListeningPort port = listen(server, ReactorUnix.DEFAULT_MODE, false);
        Greeter client = new Greeter();
        running.run(() -> running.reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client)));
        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.received.toString()).isEqualTo("hello over a unix socket");
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);

        assertThat(port.getHost()).isEqualTo(new UNIXAddress(socket));
        Transport serverSide = server.made.get(T, TimeUnit.SECONDS);
        Transport clientSide = client.made.get(T, TimeUnit.SECONDS);
        assertThat(serverSide).isInstanceOf(UNIXTransport.class).isNotInstanceOf(TCPTransport.class);
        assertThat(serverSide.getHost()).isEqualTo(new UNIXAddress(socket));
        assertThat(serverSide.getPeer()).isEqualTo(new UNIXAddress(null));
        assertThat(clientSide.getPeer()).isEqualTo(new UNIXAddress(socket));
        assertThat(clientSide.getHost()).isEqualTo(new UNIXAddress(null));
    }

    @Test
    void socketFileGetsTheAskedForMode() throws Exception {
        listen(new Echo(), 0640, false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-r-----");
    }

    @Test
    void socketFileAndLockAreRemovedWhenThePortStops() throws Exception {
        ListeningPort port = listen(new Echo(), 0600, true);
        Path lock = dir.resolve("s.sock.lock");
        assertThat(socket).exists();
        assertThat(Files.readSymbolicLink(lock).toString()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        running.call(port::stopListening);
        assertThat(socket).doesNotExist();
        assertThat(lock).doesNotExist();
    }

    @Test
    void secondServerIsRefusedWhileTheFirstHoldsTheLockAndMayListenAfterIt() throws Exception {
        ListeningPort first = listen(new Echo(), 0600, true);
        assertThatThrownBy(() -> listen(new Echo(), 0600, true)).isInstanceOf(CannotListenError.class)
                .hasMessageContaining("holds the lock");
        assertThat(socket).exists();
        running.call(first::stopListening);
        ListeningPort second = listen(new Echo(), 0600, true);
        assertThat(socket).exists();
        running.call(second::stopListening);
    }

    @Test
    void socketLeftByADeadServerIsRemovedBeforeBinding() throws Exception {
        leaveStaleSocket();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.createSymbolicLink(dir.resolve("s.sock.lock"), Path.of(Long.toString(dead.pid())));

        Recorder server = new Recorder();
        listen(server, 0600, true);
        Greeter client = new Greeter();
        running.run(() -> running.reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client)));
        assertThat(server.made.get(T, TimeUnit.SECONDS)).isNotNull();
        assertThat(Files.readSymbolicLink(dir.resolve("s.sock.lock")).toString())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void socketLeftBehindWithoutALockIsNotTouched() throws Exception {
        leaveStaleSocket();
        assertThatThrownBy(() -> listen(new Echo(), 0600, false)).isInstanceOf(CannotListenError.class);
        assertThat(socket).exists();
    }

    /** Binds a socket at the path and closes it without removing its file, as a crashed server would. */
    private void leaveStaleSocket() throws Exception {
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
    }

    @Test
    void connectingToAMissingPathFailsWithConnectError() throws Exception {
        Outcome factory = new Outcome(Recorder::new);
        running.run(() -> running.reactor.connectUNIX(dir.resolve("nothing-here"), factory));
        Failure reason = factory.failed.get(T, TimeUnit.SECONDS);
        assertThat(reason.value()).isExactlyInstanceOf(ConnectError.class)
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void connectingToASocketNobodyListensOnIsRefused() throws Exception {
        leaveStaleSocket();
        Outcome factory = new Outcome(Recorder::new);
        running.run(() -> running.reactor.connectUNIX(socket, factory));
        assertThat(factory.failed.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionRefusedError.class);
    }

    @Test
    void checkPIDFailsWithBadFileErrorWhenNoRunningServerHoldsTheLock() throws Exception {
        listen(new Echo(), 0600, false);
        Outcome factory = new Outcome(Recorder::new);
        running.run(() -> running.reactor.connectUNIX(socket, factory, 5, true));
        assertThat(factory.failed.get(T, TimeUnit.SECONDS).value()).isInstanceOf(BadFileError.class);
    }

    @Test
    void checkPIDConnectsWhenTheServerHoldsTheLock() throws Exception {
        Recorder server = new Recorder();
        listen(server, 0600, true);
        Outcome factory = new Outcome(Greeter::new);
        running.run(() -> running.reactor.connectUNIX(socket, factory, 5, true));
        assertThat(server.made.get(T, TimeUnit.SECONDS)).isInstanceOf(UNIXTransport.class);
        assertThat(factory.failed).isNotDone();
    }

    @Test
    void halfCloseSendsEndOfStreamAndTheAnswerStillArrives() throws Exception {
        Assumptions.assumeFalse(running.reactor.backendName().equals("io_uring"), "skipped: Netty 4.2's io_uring"
                + " transport closes a UNIX socket at the peer's end of stream instead of half-closing it (its"
                + " half-closure check knows only TCP sockets' configuration)");
        Counter server = new Counter();
        listen(server, 0600, false);
        Counter client = new Counter() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(ascii("twelve bytes"));
                ((UNIXTransport) transport()).loseWriteConnection();
            }

            @Override
            public void readConnectionLost() {
                events.add("readConnectionLost " + received);
                transport().loseConnection();
            }
        };
        running.run(() -> running.reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client)));
        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.events).containsExactly("writeConnectionLost", "readConnectionLost got 12 bytes");
        assertThat(server.events).containsExactly("readConnectionLost");
    }

    @Test
    void abortConnectionOnAUnixSocketReportsConnectionAborted() throws Exception {
        Recorder server = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().abortConnection();
            }
        };
        listen(server, 0600, false);
        Recorder client = new Recorder();
        running.run(() -> running.reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client)));
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionAborted.class);
        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void reactorShutdownRemovesTheSocketFileAndLock() throws Exception {
        listen(new Echo(), 0600, true);
        running.close();
        assertThat(socket).doesNotExist();
        assertThat(dir.resolve("s.sock.lock")).doesNotExist();
    }
}
