package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.words.irc.RecordingClient;

/**
 * Bad input over real sockets: a client sends a 10,000-byte line, a malformed prefix and then a NICK flood in one
 * write; it gets 417 for the long line, is closed with {@code ERROR :... (Excess Flood)}, and the users sharing
 * its channel see it quit and go on talking.
 */
@ExtendWith(TrialExtension.class)
class IrcServerBadInputTest {

    /** A raw client: writes what it is told, keeps every line it receives, fires when the server closes. */
    static final class Raw extends Protocol {
        final StringBuilder received = new StringBuilder();
        final Deferred<String> closed = new Deferred<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            received.append(StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void connectionLost(Failure reason) {
            closed.callback(received.toString());
        }

        void send(String text) {
            transport().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void floodingClientIsClosedAndOthersGoOn(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        ChatService service = new ChatService("irc.bad.test");
        service.createGroup("twisted");
        ListeningPort port = reactor.listenTCP(0, new IrcServerFactory(service, reactor, null), 50, "127.0.0.1");
        try {
            String where = "tcp:host=127.0.0.1:port=" + ((IPv4Address) port.getHost()).port();
            RecordingClient alice = new RecordingClient(reactor, "alice");
            RecordingClient bob = new RecordingClient(reactor, "bob");
            for (RecordingClient c : List.of(alice, bob)) {
                Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), c));
                c.join("#twisted", null);
                Coroutine.await(c.waitFor("names #twisted"));
            }
            Raw mallory = new Raw();
            Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), mallory));
            mallory.send("NICK mallory\r\nUSER m 0 * :M\r\nJOIN #twisted\r\n");
            Coroutine.await(alice.waitFor("userJoined mallory"));
            List<String> flood = new ArrayList<>();
            flood.add("PRIVMSG #twisted :" + "x".repeat(10_000));
            flood.add(": PRIVMSG #twisted :no prefix");
            for (int i = 0; i < 200; i++) {
                flood.add("NICK m" + i);
            }
            mallory.send(String.join("\r\n", flood) + "\r\n");
            String got = Coroutine.await(mallory.closed);
            assertThat(got).contains(":irc.bad.test 417 mallory :Input line was too long\r\n")
                    .endsWith("ERROR :Closing Link: 127.0.0.1 (Excess Flood)\r\n");
            assertThat(Coroutine.await(alice.waitFor("userQuit"))).startsWith("userQuit m").endsWith("Excess Flood");
            assertThat(alice.events).noneMatch(e -> e.contains("xxxx") || e.contains("no prefix"));
            bob.say("#twisted", "still here");
            assertThat(Coroutine.await(alice.waitFor("privmsg bob"))).isEqualTo("privmsg bob #twisted still here");
            assertThat(service.userNames()).containsExactlyInAnyOrder("alice", "bob");
            Coroutine.await(alice.quitAndWait("bye"));
            Coroutine.await(bob.quitAndWait("bye"));
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
