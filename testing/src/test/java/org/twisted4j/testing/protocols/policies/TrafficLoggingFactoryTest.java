package org.twisted4j.testing.protocols.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.policies.Connections.bytes;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.TrafficLoggingFactory;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.protocols.policies.Connections.Echo;
import org.twisted4j.testing.protocols.policies.Connections.Echoes;

class TrafficLoggingFactoryTest {

    /** A log that remembers being closed. */
    static final class Log extends StringWriter {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    private final Echoes echoes = new Echoes();
    private final Map<Integer, Log> logs = new HashMap<>();

    private Log logFor(int n) {
        return logs.computeIfAbsent(n, k -> new Log());
    }

    @Test
    void logsEveryEventOfAConnectionInOrder() {
        TrafficLoggingFactory factory = new TrafficLoggingFactory(echoes, this::logFor);
        ProtocolWrapper server = factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        Echo echo = echoes.built.getFirst();

        client.transport().write(bytes("hi\r\n\"\\\u0001\u00ff"));
        pump.flush();
        echo.transport().writeSequence(List.of(bytes("a"), bytes("b\t")));
        echo.transport().loseConnection();
        pump.flush();

        assertThat(logs.get(1).toString()).isEqualTo("""
                *
                C 1: "hi\\r\\n\\"\\\\\\x01\\xff"
                S 1: "hi\\r\\n\\"\\\\\\x01\\xff"
                SV 1: ["a", "b\\t"]
                S 1: *
                C 1: org.twisted4j.internet.ConnectionDone: the connection was closed cleanly
                """);
        assertThat(logs.get(1).closed).isTrue();
        assertThat(client.data()).isEqualTo("hi\r\n\"\\\u0001\u00ffab\t".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void connectionsAreNumberedFromOneAndTheCounterCanBeReset() {
        TrafficLoggingFactory factory = new TrafficLoggingFactory(echoes, this::logFor);
        factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        assertThat(factory.counter()).isEqualTo(2);
        assertThat(logs).containsOnlyKeys(1, 2);
        factory.resetCounter();
        ProtocolWrapper again = factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        IOPump.connectedLoopback(again, new AccumulatingProtocol());
        assertThat(logs.get(1).toString()).isEqualTo("*\n");
    }

    @Test
    void dataLongerThanTheLimitIsElided() {
        TrafficLoggingFactory factory = new TrafficLoggingFactory(echoes, this::logFor, 15);
        ProtocolWrapper server = factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        client.transport().write(bytes("0123456789abcdef"));
        pump.flush();
        client.transport().write(bytes("0123456789abcde"));
        pump.flush();
        assertThat(logs.get(1).toString()).contains(
                "C 1: \"012<... elided>\"\n", "S 1: \"012<... elided>\"\n", "C 1: \"0123456789abcde\"\n");
        assertThat(client.dataAsString()).isEqualTo("0123456789abcdef0123456789abcde");
    }

    @Test
    void aFailingLogDoesNotDisturbTheConnection() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TrafficLoggingFactory factory = new TrafficLoggingFactory(echoes, n -> broken);
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        client.transport().write(bytes("still works"));
        pump.flush();
        assertThat(client.dataAsString()).isEqualTo("still works");
    }

    @Test
    void toFilesWritesOneFilePerConnection(@TempDir Path directory) throws IOException {
        TrafficLoggingFactory factory = TrafficLoggingFactory.toFiles(echoes, directory.resolve("traffic"));
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        client.transport().write(bytes("x"));
        client.transport().loseConnection();
        pump.flush();
        assertThat(Files.readString(directory.resolve("traffic-1"))).startsWith("*\nC 1: \"x\"\nS 1: \"x\"\n");
    }
}
