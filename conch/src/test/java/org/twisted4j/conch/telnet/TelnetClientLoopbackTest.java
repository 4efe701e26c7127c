package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.conch.insults.ClientProtocol;
import org.twisted4j.conch.insults.TerminalBuffer;
import org.twisted4j.conch.manhole.ManholeService;
import org.twisted4j.conch.tap.ManholePlugin;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.trial.TrialExtension;

/** The client side of {@link TelnetTransport} against our own servers, over loopback. */
@ExtendWith(TrialExtension.class)
class TelnetClientLoopbackTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
    }

    /** A client's screen: a {@link ClientProtocol} drawing on a {@link TerminalBuffer}, which a test can wait on. */
    static final class Screen extends Protocol {
        private record Waiter(Predicate<String> condition, Deferred<String> result) {
        }

        final TerminalBuffer buffer = new TerminalBuffer(100, 30);
        final ClientProtocol client = new ClientProtocol(buffer.display());
        private final NioReactor reactor;
        private final List<Waiter> waiters = new ArrayList<>();

        Screen(NioReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public void connectionMade() {
            client.makeConnection(transport());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            client.dataReceived(data);
            String shown = buffer.screen();
            for (Waiter waiter : List.copyOf(waiters)) {
                if (waiter.condition().test(shown) && waiters.remove(waiter)) {
                    waiter.result().callback(shown);
                }
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            client.connectionLost(reason);
        }

        /** Fires with the screen once it contains {@code text}; fails after 20 s with what it shows. */
        Deferred<String> contains(String text) {
            Deferred<String> result = new Deferred<>();
            Waiter waiter = new Waiter(shown -> shown.contains(text), result);
            if (buffer.screen().contains(text)) {
                result.callback(buffer.screen());
                return result;
            }
            waiters.add(waiter);
            DelayedCall timeout = reactor.callLater(20, () -> {
                if (waiters.remove(waiter)) {
                    result.errback(new AssertionError("the screen does not show " + text + "; it shows:\n"
                            + buffer.screen()));
                }
            });
            result.addBoth(outcome -> {
                if (timeout.active()) {
                    timeout.cancel();
                }
                return outcome;
            });
            return result;
        }

        /** Types keys, Enter being {@code \r}, sent as Telnet's {@code CR NUL}. */
        void type(String keys) {
            client.transport().write(keys.replace("\r", "\r\0").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A server application that echoes and reports the client's terminal once it knows both its size and type. */
    static final class EchoTerminal extends Protocol implements TelnetTerminalListener {
        final Deferred<String> terminal = new Deferred<>();
        private String size = "";

        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }

        @Override
        public void windowSizeChanged(int columns, int rows) {
            size = columns + "x" + rows;
        }

        @Override
        public void terminalTypeReceived(String type) {
            terminal.callback(type + " " + size);
        }
    }

    private int listen(NioReactor reactor, Factory factory) throws Exception {
        ListeningPort port = Coroutine.await(Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1")
                .listen(factory));
        cleanup.add(port::stopListening);
        return ((IPv4Address) port.getHost()).port();
    }

    private TelnetTransport connect(NioReactor reactor, int port, Screen screen) throws Exception {
        TelnetTransport telnet = Coroutine.await(TelnetTransport.connect(
                Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port),
                TelnetTransport.client(screen, "XTERM", 100, 30)));
        cleanup.add(telnet::loseConnection);
        return telnet;
    }

    @Test
    void ourTerminalServerLearnsTheClientsSizeAndTypeAndEchoes(NioReactor reactor) throws Exception {
        EchoTerminal server = new EchoTerminal();
        int port = listen(reactor, Factory.forProtocol(() -> TelnetTransport.terminal(server)));
        Screen screen = new Screen(reactor);
        TelnetTransport telnet = connect(reactor, port, screen);
        assertThat(Coroutine.await(server.terminal)).isEqualTo("XTERM 100x30");
        screen.type("hello \u00e9\u001b[1mbold");
        Coroutine.await(screen.contains("hello \u00e9bold"));
        assertThat(screen.buffer.renditionAt(7, 0)).containsExactly(1);
        assertThat(telnet.isRemoteEnabled(TelnetCodes.ECHO)).isTrue();
        assertThat(telnet.isRemoteEnabled(TelnetCodes.SGA)).isTrue();
        assertThat(telnet.isLocalEnabled(TelnetCodes.NAWS)).isTrue();
    }

    @Test
    void theManholeOverTelnetRendersItsPromptAndAnEvaluatedExpression(NioReactor reactor) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n");
        ManholePlugin plugin = new ManholePlugin();
        ManholeService service = (ManholeService) plugin.makeService(reactor, plugin.options().parse(List.of(
                "--telnetPort", "tcp:0:interface=127.0.0.1", "--passwd", passwd.toString())));
        service.startService();
        cleanup.add(service::stopService);
        int port = ((IPv4Address) Coroutine.await(((StreamServerEndpointService) service.services().get(0))
                .whenListening()).getHost()).port();
        Screen screen = new Screen(reactor);
        connect(reactor, port, screen);
        Coroutine.await(screen.contains("Username:"));
        screen.type("alice\r");
        Coroutine.await(screen.contains("Password:"));
        screen.type("secret\r");
        Coroutine.await(screen.contains(">>>"));
        screen.type("6 * 7\r");
        String shown = Coroutine.await(screen.contains("==> 42"));
        assertThat(shown).contains(">>> 6 * 7").contains("$1 ==> 42");
        assertThat(shown).doesNotContain("secret");
    }
}
