package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.testing.IOPump;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/** The Perspective Broker examples: pb-client against pb-server, pb-login-client against pb-login-server. */
@ExtendWith(TrialExtension.class)
class PBExamplesTest {
    private static final List<String> CONVERSATION = List.of(
            "echo: hello, world",
            "add: 5",
            "pond: 3 frogs, 4 toads",
            "score: 0",
            "score after bump: 5");

    private static IOPump connect(Protocol server, PBClientFactory client) {
        return IOPump.connectedLoopback(server, client.buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS));
    }

    @Test
    void pbClientTalksToPbServer(Trial trial) {
        PBClientFactory client = PBClient.factory();
        IOPump pump = connect(PBServer.factory().buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        Deferred<List<String>> lines = PBClient.talk(client);
        pump.flush();
        assertThat(trial.successResultOf(lines)).isEqualTo(CONVERSATION);
    }

    @Test
    void pbClientTalksToPbServerOverTcp(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(PBServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        try {
            int number = ((IPv4Address) port.getHost()).port();
            assertThat(Coroutine.await(PBClient.run(reactor, "tcp:host=127.0.0.1:port=" + number)))
                    .isEqualTo(CONVERSATION);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void loginClientWithTheRightPasswordLearnsWhoItIs(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        IOPump pump = connect(PBLoginServer.factory(Map.of("alice", "secret")).buildProtocol(
                IOPump.DEFAULT_CLIENT_ADDRESS), client);
        Deferred<String> line = PBLoginClient.login(client, "alice", "secret");
        pump.flush();
        assertThat(trial.successResultOf(line)).isEqualTo("logged in as alice");
    }

    @Test
    void loginClientWithTheWrongPasswordIsRefused(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        IOPump pump = connect(PBLoginServer.factory(Map.of("alice", "secret")).buildProtocol(
                IOPump.DEFAULT_CLIENT_ADDRESS), client);
        Deferred<String> line = PBLoginClient.login(client, "alice", "guess");
        pump.flush();
        assertThat(trial.successResultOf(line)).isEqualTo("login failed: twisted.cred.error.UnauthorizedLogin");
    }

    @Test
    void loginServerReadsItsAccountsFromTheCommandLine() {
        assertThat(PBLoginServer.users(new String[] {"tcp:0", "bob=pw", "carol=x=y"}, 1))
                .containsExactly(Map.entry("bob", "pw"), Map.entry("carol", "x=y"));
        assertThat(PBLoginServer.users(new String[0], 1)).containsExactly(Map.entry("alice", "secret"));
    }
}
