package org.twisted4j.spread.banana;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Banana against Python Twisted's over loopback TCP, both ways ({@code banana_peer.py} beside this test):
 * dialect negotiation, every kind of value echoed back unchanged in dialect {@code pb}, and a bad byte
 * dropping the connection.
 */
@ExtendWith(TrialExtension.class)
class BananaInteropTest {

    /** Our server end: answers each expression E with [b"echo", E]. */
    static final class Echo extends Banana {
        Echo() {
            super(false);
        }

        @Override
        protected void expressionReceived(Object expression) {
            sendEncoded(List.of("echo".getBytes(UTF_8), expression));
        }
    }

    /** Our client end: sends values once the dialect is chosen, collects the answers. */
    static final class Sender extends Banana {
        final List<Object> values;
        final List<Object> answers = new ArrayList<>();
        final Deferred<List<Object>> done = new Deferred<>();

        Sender(List<Object> values) {
            super(true);
            this.values = values;
        }

        @Override
        protected void connectionReady() {
            for (Object value : values) {
                sendEncoded(value);
            }
        }

        @Override
        protected void expressionReceived(Object expression) {
            answers.add(expression);
            if (answers.size() == values.size()) {
                done.callback(answers);
            }
        }
    }

    private static Path script() throws Exception {
        return Path.of(Objects.requireNonNull(BananaInteropTest.class.getResource("banana_peer.py")).toURI());
    }

    @Test
    void ourClientTalksToPythonsServer(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON_TWISTED.require();
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "Python Banana server",
                List.of(python.toString(), script().toString(), "server"), Pattern.compile("banana listening on (\\d+)"));
        try {
            Map<String, Object> table = BananaCodecTest.values();
            List<Object> values = new ArrayList<>(table.values());
            Sender sender = Coroutine.await(Endpoints.connectProtocol(
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + server.port()), new Sender(values)));
            List<Object> answers = Coroutine.await(sender.done.addTimeout(30, reactor));
            assertThat(sender.currentDialect()).isEqualTo("pb");
            List<String> names = new ArrayList<>(table.keySet());
            for (int i = 0; i < values.size(); i++) {
                Object expected = List.of("echo".getBytes(UTF_8), values.get(i));
                assertThat(Sexps.same(answers.get(i), expected)).as(names.get(i) + ": " + Sexps.show(answers.get(i)))
                        .isTrue();
            }
            sender.transport().loseConnection();
        } finally {
            server.stop(reactor);
        }
    }

    @Test
    void pythonsClientTalksToOurServer(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON_TWISTED.require();
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
        try {
            int number = ((IPv4Address) port.getHost()).port();
            List<String> command = List.of(python.toString(), script().toString(), "client", Integer.toString(number));
            List<String> lines = Coroutine.await(reactor.deferToThread(() -> {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                return output.lines().toList();
            }));
            assertThat(lines).as("what the Python client printed").containsExactly(
                    "dialect pb", "echoed 63 mismatched 0", "dropped");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
