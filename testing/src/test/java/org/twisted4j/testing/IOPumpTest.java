package org.twisted4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.Bytes.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;

class IOPumpTest {

    /** Greets, answers each line, and hangs up on "bye". */
    private static final class LineServer extends LineProtocol {
        @Override
        public void connectionMade() {
            sendLine("welcome");
        }

        @Override
        void lineReceived(String line) {
            if (line.equals("bye")) {
                sendLine("see you");
                transport().loseConnection();
            } else {
                sendLine("you said " + line);
            }
        }
    }

    /** Sends its lines once greeted and collects the answers. */
    private static final class LineClient extends LineProtocol {
        private final List<String> toSend;

        LineClient(String... toSend) {
            this.toSend = List.of(toSend);
        }

        @Override
        void lineReceived(String line) {
            if (line.equals("welcome")) {
                toSend.forEach(this::sendLine);
            }
        }
    }

    /** Records events in one shared list, to check the order across both ends. */
    private static final class Witness extends Protocol {
        private final String name;
        private final List<String> events;

        Witness(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add(name + " lost: " + reason.type().getSimpleName());
        }
    }

    /** Sends "ping" to every message, forever. */
    private static final class Pinger extends Protocol {
        @Override
        public void connectionMade() {
            transport().write(ascii("ping"));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(ascii("ping"));
        }
    }

    /** Writes back the very buffer it was lent, as Twisted's echo does. */
    private static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    /** Keeps the buffer it was lent and writes it back later, which the contract forbids. */
    private static final class CarelessKeeper extends Protocol {
        private ByteBuffer kept;

        @Override
        public void dataReceived(ByteBuffer data) {
            if (kept != null) {
                transport().write(kept);
            }
            kept = data;
        }
    }

    @Test
    void connectedLoopbackDeliversTheGreeting() {
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump.connectedLoopback(new LineServer(), client);

        assertThat(client.isMade()).isTrue();
        assertThat(client.dataAsString()).isEqualTo("welcome\n");
    }

    @Test
    void lineConversationRunsToTheEndWithOneFlush() {
        LineServer server = new LineServer();
        LineClient client = new LineClient("hello", "how are you", "bye");

        IOPump.connectedLoopback(server, client);

        assertThat(server.lines).containsExactly("hello", "how are you", "bye");
        assertThat(client.lines)
                .containsExactly("welcome", "you said hello", "you said how are you", "see you");
        assertThat(client.losses).singleElement().satisfies(f -> assertThat(f.value()).isInstanceOf(ConnectionDone.class));
        assertThat(server.losses).singleElement().satisfies(f -> assertThat(f.value()).isInstanceOf(ConnectionDone.class));
    }

    @Test
    void linesSplitAcrossWritesArriveWhole() {
        LineServer server = new LineServer();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);

        client.transport().write(ascii("HEL"));
        pump.pump();
        client.transport().write(ascii("LO\nWOR"));
        pump.pump();
        client.transport().write(ascii("LD\n"));
        pump.flush();

        assertThat(server.lines).containsExactly("HELLO", "WORLD");
        assertThat(client.dataAsString()).isEqualTo("welcome\nyou said HELLO\nyou said WORLD\n");
    }

    @Test
    void withoutGreetNothingMovesUntilPumped() {
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(
                new LineServer(), IOPump.DEFAULT_SERVER_ADDRESS, client, IOPump.DEFAULT_CLIENT_ADDRESS, false);

        assertThat(client.isMade()).isTrue();
        assertThat(client.dataAsString()).isEmpty();
        assertThat(pump.serverTransport().bufferedBytes()).isEqualTo("welcome\n".length());

        assertThat(pump.pump()).isTrue();
        assertThat(client.dataAsString()).isEqualTo("welcome\n");
        assertThat(pump.pump()).isFalse();
    }

    @Test
    void eachPumpMovesOneRoundOfData() {
        LineServer server = new LineServer();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);

        client.transport().write(ascii("one\n"));
        assertThat(pump.pump()).isTrue();
        assertThat(server.lines).containsExactly("one");
        assertThat(client.dataAsString()).isEqualTo("welcome\n");

        assertThat(pump.pump()).isTrue();
        assertThat(client.dataAsString()).isEqualTo("welcome\nyou said one\n");
        assertThat(pump.flush()).isFalse();
    }

    @Test
    void addressesAreCrossedBetweenTheEnds() {
        IPv6Address serverAddress = new IPv6Address(AddressType.TCP, "::1", 443);
        IPv6Address clientAddress = new IPv6Address(AddressType.TCP, "::1", 50000);
        IOPump pump = IOPump.connectedLoopback(
                new AccumulatingProtocol(), serverAddress, new AccumulatingProtocol(), clientAddress, true);

        assertThat(pump.server().transport().getHost()).isEqualTo(serverAddress);
        assertThat(pump.server().transport().getPeer()).isEqualTo(clientAddress);
        assertThat(pump.client().transport().getHost()).isEqualTo(clientAddress);
        assertThat(pump.client().transport().getPeer()).isEqualTo(serverAddress);
    }

    @Test
    void loseConnectionDeliversWhatWasWrittenBeforeClosing() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);

        server.transport().write(ascii("last words"));
        server.transport().loseConnection();
        pump.flush();

        assertThat(client.dataAsString()).isEqualTo("last words");
        assertThat(client.closedReason().value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.closedReason().value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void cleanCloseTellsTheClosingEndFirstThenTheOther() {
        List<String> events = new ArrayList<>();
        IOPump pump = IOPump.connectedLoopback(new Witness("server", events), new Witness("client", events));

        pump.clientTransport().loseConnection();
        assertThat(events).isEmpty();
        pump.flush();

        assertThat(events).containsExactly("client lost: ConnectionDone", "server lost: ConnectionDone");
        assertThat(pump.serverTransport().isDisconnected()).isTrue();
        assertThat(pump.clientTransport().isDisconnected()).isTrue();
    }

    @Test
    void writesAfterTheConnectionIsLostAreDropped() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        pump.clientTransport().loseConnection();
        pump.flush();

        server.transport().write(ascii("too late"));

        assertThat(pump.serverTransport().bufferedBytes()).isZero();
        assertThat(pump.flush()).isFalse();
        assertThat(client.dataAsString()).isEmpty();
    }

    @Test
    void abortDropsPendingDataAndTellsEachEndItsOwnReason() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);

        server.transport().write(ascii("never sent"));
        server.transport().abortConnection();
        assertThat(server.isClosed()).isFalse();
        pump.flush();

        assertThat(client.dataAsString()).isEmpty();
        assertThat(server.closedReason().value()).isInstanceOf(ConnectionAborted.class);
        assertThat(client.closedReason().value())
                .isInstanceOf(ConnectionLost.class)
                .isNotInstanceOf(ConnectionAborted.class);
    }

    @Test
    void abortAfterLoseConnectionStillAborts() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);

        client.transport().loseConnection();
        client.transport().abortConnection();
        pump.flush();

        assertThat(client.closedReason().value()).isInstanceOf(ConnectionAborted.class);
        assertThat(server.closedReason().value()).isInstanceOf(ConnectionLost.class);
    }

    @Test
    void flushGivesUpOnAConversationThatNeverEnds() {
        IOPump pump = IOPump.connectedLoopback(
                new Pinger(), IOPump.DEFAULT_SERVER_ADDRESS, new Pinger(), IOPump.DEFAULT_CLIENT_ADDRESS, false);

        assertThatThrownBy(pump::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("pump()");
        assertThat(pump.pump()).isTrue();
    }

    @Test
    void receivedBufferIsWipedAfterDataReceivedSoKeepingItShows() {
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(new CarelessKeeper(), client);

        client.transport().write(ascii("abc"));
        pump.flush();
        client.transport().write(ascii("d"));
        pump.flush();

        assertThat(client.data()).containsExactly(0, 0, 0);
    }

    @Test
    void receivedBufferWrittenBackDuringTheCallIsCopiedAndArrivesIntact() {
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(new Echo(), client);

        client.transport().write(ascii("abc"));
        pump.flush();

        assertThat(client.data()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void exceptionFromAProtocolComesOutOfThePump() {
        Protocol failing = new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                throw new IllegalStateException("parser broke on " + StandardCharsets.US_ASCII.decode(data));
            }
        };
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(failing, client);

        client.transport().write(ascii("junk"));

        assertThatThrownBy(pump::flush).isInstanceOf(IllegalStateException.class).hasMessage("parser broke on junk");
    }
}
