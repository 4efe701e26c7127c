package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
 * irssi (in a detached tmux session, on a tmux server of its own) against our server: it connects and joins
 * #twisted by itself from a throwaway configuration, then is driven with typed commands ({@code /msg},
 * {@code /action}, {@code /topic}, {@code /quit}) while our client in the channel checks what arrives, and irssi's
 * own channel log shows what it received.
 */
@ExtendWith(TrialExtension.class)
class IrssiInteropTest {

    @Test
    @org.twisted4j.trial.TrialTimeout(40)
    void irssiTalksWithOurClientThroughOurServer(Trial trial, @TempDir Path home) throws Exception {
        NioReactor reactor = trial.reactor();
        Path irssi = Peer.IRSSI.require();
        Path tmux = Peer.TMUX.require();
        ChatService service = new ChatService("irc.twisted4j.test");
        service.createGroup("twisted");
        ListeningPort port = reactor.listenTCP(0, new IrcServerFactory(service, reactor, null), 50, "127.0.0.1");
        String socket = "twisted4j-irc-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            int number = ((IPv4Address) port.getHost()).port();
            RecordingClient bob = new RecordingClient(reactor, "bob");
            Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + number), bob));
            bob.join("#twisted", null);
            Coroutine.await(bob.waitFor("names #twisted"));
            Files.writeString(home.resolve("config"), """
                    servers = ( { address = "127.0.0.1"; chatnet = "t4j"; port = "%d"; autoconnect = "yes"; } );
                    chatnets = { t4j = { type = "IRC"; }; };
                    channels = ( { name = "#twisted"; chatnet = "t4j"; autojoin = "yes"; } );
                    settings = {
                      core = { real_name = "irssi user"; user_name = "irssiuser"; nick = "irssiuser"; };
                      "fe-common/core" = { autolog = "yes"; autolog_path = "%s/logs/$0.log"; };
                    };
                    """.formatted(number, home));
            tmux(tmux, socket, "new-session", "-d", "-s", "irssi", "-x", "200", "-y", "50",
                    irssi + " --home=" + home);
            assertThat(Coroutine.await(bob.waitFor("userJoined irssiuser"))).isEqualTo("userJoined irssiuser #twisted");
            bob.mode("#twisted", true, "o", "irssiuser");

            tmux(tmux, socket, "send-keys", "-t", "irssi", "/msg #twisted hello from irssi", "Enter");
            assertThat(Coroutine.await(bob.waitFor("privmsg irssiuser"))).isEqualTo("privmsg irssiuser #twisted hello from irssi");
            tmux(tmux, socket, "send-keys", "-t", "irssi", "/action #twisted waves", "Enter");
            assertThat(Coroutine.await(bob.waitFor("action irssiuser"))).isEqualTo("action irssiuser #twisted waves");
            tmux(tmux, socket, "send-keys", "-t", "irssi", "/topic #twisted set by irssi", "Enter");
            assertThat(Coroutine.await(bob.waitFor("topic irssiuser"))).isEqualTo("topic irssiuser #twisted set by irssi");

            bob.say("#twisted", "hi irssi");
            bob.ping("bob", "sync");
            Coroutine.await(bob.waitFor("pong"));
            tmux(tmux, socket, "send-keys", "-t", "irssi", "/quit done", "Enter");
            assertThat(Coroutine.await(bob.waitFor("userQuit irssiuser"))).isEqualTo("userQuit irssiuser Quit: done");
            List<String> logged = Coroutine.await(reactor.deferToThread(() -> {
                List<String> lines = new ArrayList<>();
                try (Stream<Path> files = Files.walk(home.resolve("logs"))) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        lines.addAll(Files.readAllLines(file));
                    }
                }
                return lines;
            }));
            assertThat(logged).as("irssi's log of #twisted").anyMatch(l -> l.contains("<@bob> hi irssi"))
                    .anyMatch(l -> l.contains("irssiuser> hello from irssi"))
                    .anyMatch(l -> l.contains("mode/#twisted [+o irssiuser] by bob"))
                    .anyMatch(l -> l.contains("irssiuser changed the topic of #twisted to: set by irssi"));
            Coroutine.await(bob.quitAndWait("done"));
        } finally {
            Coroutine.await(reactor.deferToThread(() -> {
                new ProcessBuilder(tmux.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
                return null;
            }));
            Coroutine.await(port.stopListening());
        }
    }

    private static void tmux(Path tmux, String socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
    }
}
