package org.twisted4j.words.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.words.irc.RecordingClient;

/**
 * Python Twisted's {@code IRCClient} (Debian's python3-twisted) against our server, with our own client as the
 * other user: password login, ISUPPORT, JOIN, channel and private messages both ways, TOPIC, ACTION, NICK, QUIT.
 */
@ExtendWith(TrialExtension.class)
class PythonIrcClientInteropTest {

    @Test
    void pythonClientTalksWithOurClientThroughOurServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        ChatService service = new ChatService("irc.twisted4j.test");
        service.createGroup("twisted");
        Portal portal = new Portal(service, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "pw", "bob", "pw2")));
        ListeningPort port = reactor.listenTCP(0, new IrcServerFactory(service, reactor, portal), 50, "127.0.0.1");
        try {
            int number = ((IPv4Address) port.getHost()).port();
            RecordingClient bob = new RecordingClient(reactor, "bob") {
                @Override
                protected void privmsg(String user, String channel, String message) {
                    super.privmsg(user, channel, message);
                    if (message.equals("hello from python")) {
                        mode(channel, true, "o", "alice");
                        say(channel, "hi python");
                    }
                }
            };
            bob.setPassword("pw2");
            Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + number), bob));
            bob.join("#twisted", null);
            Coroutine.await(bob.waitFor("names #twisted"));

            Path python = Peer.PYTHON_TWISTED.require();
            Path script = Path.of(Objects.requireNonNull(getClass().getResource("irc_client.py")).toURI());
            List<String> lines = Coroutine.await(reactor.deferToThread(() -> {
                Process process = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(number))
                        .redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                return output.lines().toList();
            }));
            assertThat(lines).as("what Python's IRCClient saw").containsExactly(
                    "signedOn alice",
                    "motd ['irc.twisted4j.test Message of the day - ', 'Welcome to twisted4j words.'] rfc1459 "
                            + "[('o', ('@', 0)), ('v', ('+', 1))]",
                    "joined #twisted",
                    "modeChanged bob!bob@127.0.0.1 #twisted True o ('alice',)",
                    "privmsg bob!bob@127.0.0.1 #twisted hi python",
                    "topicUpdated alice #twisted set from python",
                    "nickChanged alice2",
                    "connectionLost");
            // Python's process has ended, but what the server relayed to bob may still be on its way to him.
            Coroutine.await(bob.waitFor("userQuit alice2"));
            assertThat(bob.events).containsSubsequence("userJoined alice #twisted", "privmsg alice #twisted hello from python",
                    "topic alice #twisted set from python", "action alice #twisted waves", "privmsg alice bob private reply",
                    "userRenamed alice alice2", "userQuit alice2 Quit: bye");
            Coroutine.await(bob.quitAndWait("done"));
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
