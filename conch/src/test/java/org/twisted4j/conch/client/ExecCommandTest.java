package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.connection.ChannelOpenRefused;
import org.twisted4j.conch.connection.ChannelTransport;
import org.twisted4j.conch.transport.HostKeyVerifier;
import org.twisted4j.conch.userauth.UserAuthClient;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.Protocol;

/** Remote commands over the client's connection to our server, on a pump and a clock. */
class ExecCommandTest {

    /** Collects what the command prints and why it ended. */
    static final class Collector extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Failure reason;
        boolean made;

        @Override
        public void connectionMade() {
            made = true;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        }

        @Override
        public void connectionLost(Failure why) {
            reason = why;
        }

        String text() {
            return received.toString(UTF_8);
        }
    }

    private final ClientServerPair pair = new ClientServerPair(new UserAuthConfig(), HostKeyVerifier.TRUST_ANY,
            connection -> new UserAuthClient("alice", List.of(ClientServerPair.ALICE_KEY), null, connection));

    @Test
    void exitStatusReachesTheProtocolAsProcessTerminated() {
        Collector command = new Collector();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<Object> started = new ArrayList<>();
        pair.connection.execCommand("exit 3", command, stderr::writeBytes).addCallbacks(started::add,
                failure -> started.add(failure.value()));
        pair.flush();
        assertThat(started).singleElement().isInstanceOf(ChannelTransport.class);
        assertThat(command.made).isTrue();
        assertThat(command.text()).isEqualTo("bye\n");
        assertThat(stderr.toString(UTF_8)).isEqualTo("err\n");
        assertThat(command.reason.value()).isInstanceOf(ProcessTerminated.class);
        assertThat(((ProcessTerminated) command.reason.value()).exitCode()).hasValue(3);
    }

    @Test
    void exitStatusZeroIsConnectionDone() {
        Collector command = new Collector();
        pair.connection.execCommand("exit 0", command, null);
        pair.flush();
        assertThat(command.reason.value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void severalCommandsShareOneConnectionAndInputReachesEach() {
        Collector first = new Collector();
        Collector second = new Collector();
        List<ChannelTransport> transports = new ArrayList<>();
        pair.connection.execCommand("cat", first, null).addCallback(transports::add);
        pair.connection.execCommand("cat", second, null).addCallback(transports::add);
        pair.flush();
        assertThat(transports).hasSize(2);
        assertThat(pair.connection.channels()).hasSize(2);
        first.transport().write(ByteBuffer.wrap("one".getBytes(UTF_8)));
        second.transport().write(ByteBuffer.wrap("two".getBytes(UTF_8)));
        byte[] big = new byte[5 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        second.transport().write(ByteBuffer.wrap(big));
        transports.get(0).loseWriteConnection();
        pair.flush();
        assertThat(first.text()).isEqualTo("one");
        assertThat(first.reason.value()).isInstanceOf(ConnectionDone.class);
        assertThat(second.reason).isNull();
        transports.get(1).loseConnection();
        pair.flush();
        assertThat(second.received.size()).isEqualTo(3 + big.length);
        assertThat(second.reason).isNotNull();
        assertThat(pair.connection.channels()).isEmpty();
    }

    /**
     * A protocol may keep the buffers it is given, as a transport's write does until they are sent: each must
     * still hold its own octets after later packets have been read.
     */
    @Test
    void buffersAProtocolKeepsAreNotOverwrittenByLaterPackets() {
        List<ByteBuffer> kept = new ArrayList<>();
        Protocol keeper = new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                kept.add(data);
            }
        };
        pair.connection.execCommand("cat", keeper, null);
        pair.flush();
        for (String line : List.of("first", "other", "third")) {
            keeper.transport().write(ByteBuffer.wrap(line.getBytes(UTF_8)));
            pair.flush();
        }
        assertThat(kept).extracting(buffer -> UTF_8.decode(buffer.duplicate()).toString())
                .containsExactly("first", "other", "third");
    }

    @Test
    void aCommandTheServerRefusesFailsTheDeferred() {
        Collector command = new Collector();
        List<Object> outcome = new ArrayList<>();
        pair.connection.execCommand("no such command", command, null).addCallbacks(outcome::add,
                failure -> outcome.add(failure.value()));
        pair.flush();
        assertThat(outcome).singleElement().isInstanceOf(ConnectionLost.class);
        assertThat(command.made).isFalse();
        assertThat(pair.connection.channels()).isEmpty();
    }

    @Test
    void aConnectionLostBeforeTheCommandEndsIsConnectionLost() {
        Collector command = new Collector();
        pair.connection.execCommand("cat", command, null);
        pair.flush();
        pair.client.loseConnection();
        pair.flush();
        assertThat(command.reason.value()).isInstanceOf(ConnectionLost.class)
                .isNotInstanceOf(ProcessTerminated.class);
        assertThat(pair.connection.isStopped()).isTrue();
    }

    @Test
    void anIdleActionRunsWhenTheLastChannelCloses() {
        List<String> idle = new ArrayList<>();
        Collector first = new Collector();
        Collector second = new Collector();
        pair.connection.execCommand("cat", first, null);
        pair.connection.execCommand("cat", second, null);
        pair.flush();
        pair.connection.whenIdle(() -> idle.add("idle"));
        first.transport().loseConnection();
        pair.flush();
        assertThat(idle).isEmpty();
        second.transport().loseConnection();
        pair.flush();
        assertThat(idle).containsExactly("idle");
    }

    @Test
    void aForwardingTheServerRefusesFailsWithItsReason() {
        List<Object> outcome = new ArrayList<>();
        new DirectTcpipEndpoint(pair.connection, "example.com", 80).connect(
                org.twisted4j.internet.Factory.forProtocol(Collector::new)).addCallbacks(outcome::add,
                        failure -> outcome.add(failure.value()));
        pair.flush();
        assertThat(outcome).singleElement().isInstanceOf(ChannelOpenRefused.class);
        assertThat(((ChannelOpenRefused) outcome.get(0)).reason())
                .isEqualTo(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED);
    }
}
