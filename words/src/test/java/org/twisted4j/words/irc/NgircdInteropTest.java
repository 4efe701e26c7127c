package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * Our {@link IRCClient} against ngIRCd (Debian's {@code ngircd}, started with a throwaway configuration on a free
 * loopback port): registration with {@code CAP LS 302} (ngIRCd 26 offers {@code multi-prefix} only, and no SASL:
 * the client must notice and go on without it), ISUPPORT, and a two-client conversation with joins, messages,
 * notices, CTCP ACTION, modes and NAMES with several prefixes.
 */
@ExtendWith(TrialExtension.class)
class NgircdInteropTest {

    /** Starts ngIRCd on a free port with one predefined channel; returns it running. */
    static ExternalServer startNgircd(NioReactor reactor, Path dir, String... extraGlobal) throws Exception {
        Path ngircd = Peer.NGIRCD.require();
        int port = ExternalServer.freePort();
        List<String> conf = new ArrayList<>(List.of(
                "[Global]", "Name = irc.ngircd.test", "Info = twisted4j interop", "Listen = 127.0.0.1", "Ports = " + port,
                "MotdPhrase = hello from ngircd", "PidFile = " + dir.resolve("ngircd.pid")));
        conf.addAll(List.of(extraGlobal));
        if ("root".equals(System.getProperty("user.name"))) {
            // ngIRCd drops root for this user; the configuration is read before.
            conf.addAll(List.of("ServerUID = 65534", "ServerGID = 65534"));
        }
        conf.addAll(List.of("[Limits]", "MaxConnectionsIP = 0", "MaxJoins = 0", "MaxNickLength = 30",
                "[Options]", "DNS = no", "Ident = no", "PAM = no"));
        Path file = dir.resolve("ngircd.conf");
        Files.write(file, conf);
        return ExternalServer.start(reactor, "ngircd", List.of(ngircd.toString(), "-n", "-f", file.toString()), port);
    }

    private static RecordingClient connect(NioReactor reactor, int port, RecordingClient client) throws Exception {
        Coroutine.await(Endpoints.connectProtocol(
                Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port), client));
        Coroutine.await(client.waitFor("motd"));
        return client;
    }

    @Test
    void twoClientsTalkThroughNgircdWithCapNegotiated(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        ExternalServer server = startNgircd(reactor, dir);
        try {
            RecordingClient alice = new RecordingClient(reactor, "alice");
            alice.requestCapabilities("multi-prefix", "server-time", "away-notify");
            alice.setSaslPlain("alice", "not-offered");
            connect(reactor, server.port(), alice);
            assertThat(alice.availableCapabilities()).containsKey("multi-prefix").doesNotContainKey("sasl");
            assertThat(alice.enabledCapabilities()).containsExactly("multi-prefix");
            assertThat(alice.events).contains("caps [multi-prefix]").noneMatch(e -> e.startsWith("sasl"));
            assertThat(alice.supported().prefixes().keySet()).containsExactly('q', 'a', 'o', 'h', 'v');
            assertThat(alice.supported().caseMapping()).isEqualTo(CaseMapping.ASCII);
            assertThat(alice.events).anyMatch(e -> e.startsWith("motd") && e.contains("hello from ngircd"));

            RecordingClient bob = connect(reactor, server.port(), new RecordingClient(reactor, "bob"));
            alice.join("#talk", null);
            Coroutine.await(alice.waitFor("joined #talk"));
            Coroutine.await(alice.waitFor("names #talk"));
            bob.join("#talk", null);
            Coroutine.await(alice.waitFor("userJoined bob #talk"));

            alice.say("#talk", "hello bob");
            assertThat(Coroutine.await(bob.waitFor("privmsg alice"))).isEqualTo("privmsg alice #talk hello bob");
            bob.msg("alice", "hi alice, privately");
            assertThat(Coroutine.await(alice.waitFor("privmsg bob"))).isEqualTo("privmsg bob alice hi alice, privately");
            bob.describe("#talk", "waves");
            assertThat(Coroutine.await(alice.waitFor("action"))).isEqualTo("action bob #talk waves");
            alice.notice("bob", "a notice");
            assertThat(Coroutine.await(bob.waitFor("noticed alice"))).isEqualTo("noticed alice bob a notice");

            alice.mode("#talk", true, "vo", "alice", "bob");
            assertThat(Coroutine.await(bob.waitFor("mode alice"))).isEqualTo("mode alice #talk +vo [alice, bob]");
            alice.names("#talk");
            assertThat(Coroutine.await(alice.waitFor(e -> e.startsWith("names #talk") && e.contains("@+alice"))))
                    .as("multi-prefix: both of alice's prefixes").isIn("names #talk [@+alice, @bob]", "names #talk [@bob, @+alice]");
            alice.topic("#talk", "twisted4j interop");
            assertThat(Coroutine.await(bob.waitFor("topic"))).isEqualTo("topic alice #talk twisted4j interop");

            alice.setNick("alicia");
            assertThat(Coroutine.await(bob.waitFor("userRenamed"))).isEqualTo("userRenamed alice alicia");
            assertThat(Coroutine.await(alice.waitFor("nickChanged"))).isEqualTo("nickChanged alicia");
            bob.leave("#talk", "done");
            assertThat(Coroutine.await(alice.waitFor("userLeft"))).isEqualTo("userLeft bob #talk");
            Coroutine.await(bob.quitAndWait("bye"));
            Coroutine.await(alice.quitAndWait("bye"));
        } finally {
            server.stop(reactor);
        }
    }

    @Test
    void nickCollisionAtNgircdPicksAnotherNick(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        ExternalServer server = startNgircd(reactor, dir);
        try {
            RecordingClient first = connect(reactor, server.port(), new RecordingClient(reactor, "carol"));
            RecordingClient second = connect(reactor, server.port(), new RecordingClient(reactor, "carol"));
            assertThat(second.nickname()).isEqualTo("carol_");
            assertThat(second.events).contains("signedOn carol_");
            second.ping("carol", "k1");
            assertThat(Coroutine.await(second.waitFor("pong"))).isEqualTo("pong carol");
            Coroutine.await(first.quitAndWait("bye"));
            Coroutine.await(second.quitAndWait("bye"));
        } finally {
            server.stop(reactor);
        }
    }
}
