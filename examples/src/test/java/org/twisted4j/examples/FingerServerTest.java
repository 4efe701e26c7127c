package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class FingerServerTest {

    private final FingerServer.FingerFactory factory = new FingerServer.FingerFactory(Map.of("ada", "Counting"));

    private String ask(String bytes, StringTransport transport) {
        Protocol finger = factory.buildProtocol(StringTransport.DEFAULT_PEER);
        finger.makeConnection(transport);
        finger.dataReceived(ByteBuffer.wrap(bytes.getBytes(UTF_8)));
        return transport.valueAsString();
    }

    @Test
    void answersAKnownUserWithTheirStatusAndCloses() {
        StringTransport transport = new StringTransport();

        assertThat(ask("ada\r\n", transport)).isEqualTo("Counting\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void answersAnUnknownUserWithNoSuchUserAndCloses() {
        StringTransport transport = new StringTransport();

        assertThat(ask("mallory\r\n", transport)).isEqualTo("No such user\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void waitsForTheWholeLine() {
        StringTransport transport = new StringTransport();

        assertThat(ask("ad", transport)).isEmpty();
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void answersOnlyTheFirstQueryOfAConnection() {
        assertThat(ask("ada\r\nmallory\r\n", new StringTransport())).isEqualTo("Counting\r\n");
    }

    @Test
    void usersComeFromTheArgumentsOrElseTheDefaults(Trial trial) {
        FingerServer.FingerFactory fromArgs = FingerServer.factory("linus=Kernel hacking", "grace=At sea");

        assertThat(trial.successResultOf(fromArgs.getUser("grace"))).isEqualTo("At sea");
        assertThat(trial.successResultOf(fromArgs.getUser("alice"))).isEqualTo("No such user");
        assertThat(trial.successResultOf(FingerServer.factory().getUser("alice")))
                .isEqualTo(FingerServer.DEFAULT_USERS.get("alice"));
        assertThatThrownBy(() -> FingerServer.factory("linus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USER=STATUS").hasMessageContaining("'linus'");
    }

    @Test
    void netcatGetsAKnownUsersStatusAndNoSuchUserForOthers(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(FingerServer.start(reactor, "tcp:0:interface=127.0.0.1", factory));
        String portNumber = String.valueOf(EchoServerTest.portNumber(port));

        Peers.Outcome known = Coroutine.await(Peers.netcat(reactor, "ada\r\n", "-w", "10", "127.0.0.1", portNumber));
        Peers.Outcome unknown = Coroutine.await(Peers.netcat(reactor, "mallory\r\n", "-w", "10", "127.0.0.1", portNumber));

        assertThat(known.output()).isEqualTo("Counting\r\n");
        assertThat(known.exitCode()).isZero();
        assertThat(unknown.output()).isEqualTo("No such user\r\n");
        assertThat(unknown.exitCode()).isZero();
        Coroutine.await(port.stopListening());
    }
}
