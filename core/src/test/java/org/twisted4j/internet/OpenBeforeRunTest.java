package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.TcpSupport.Echo;
import org.twisted4j.internet.TcpSupport.Recorder;

/**
 * Ports and client connections opened on the thread that sets a reactor up, before it runs, as Twisted programs
 * do before {@code reactor.run()}: TCP and UNIX servers accept, and clients connect, once the reactor runs, and a
 * client hears of its connection only after the reactor's startup. On every backend.
 */
class OpenBeforeRunTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    @TempDir
    Path dir;
    private RunningReactor<ReactorBackend> running;

    @AfterEach
    void stopReactor() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    /** Sends a greeting once connected, closes once it has come back, and notes when it connected. */
    static final class Greeter extends Recorder {
        private final List<String> events;

        Greeter(List<String> events) {
            this.events = events;
        }

        @Override
        public void connectionMade() {
            events.add("connected");
            transport().write(ascii("opened before run"));
            super.connectionMade();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            super.dataReceived(data);
            if (received.length() == "opened before run".length()) {
                transport().loseConnection();
            }
        }
    }

    @Test
    void tcpClientOpenedBeforeRunConnectsAfterTheStartup() throws Exception {
        ReactorBackend reactor = RunningReactor.newBackend();
        List<String> events = new CopyOnWriteArrayList<>();
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
        Greeter client = new Greeter(events);
        reactor.connectTCP("127.0.0.1", ((IPv4Address) port.getHost()).port(),
                ClientFactory.forProtocol(() -> client));
        reactor.callWhenRunning(() -> events.add("running"));
        running = RunningReactor.run(reactor);

        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.received.toString()).isEqualTo("opened before run");
        assertThat(events).containsExactly("running", "connected");
    }

    @Test
    void unixPortAndClientOpenedBeforeRunServeOnceItRuns() throws Exception {
        Path socket = dir.resolve("before.sock");
        ReactorBackend reactor = RunningReactor.newBackend();
        List<String> events = new CopyOnWriteArrayList<>();
        ListeningPort port = reactor.listenUNIX(socket, Factory.forProtocol(Echo::new));
        Greeter client = new Greeter(events);
        reactor.connectUNIX(socket, ClientFactory.forProtocol(() -> client));
        reactor.callWhenRunning(() -> events.add("running"));
        running = RunningReactor.run(reactor);

        assertThat(port.getHost()).isEqualTo(new UNIXAddress(socket));
        assertThat(client.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.received.toString()).isEqualTo("opened before run");
        assertThat(events).containsExactly("running", "connected");
    }
}
