package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.words.irc.RecordingClient;

/**
 * Our server on an {@code ssl:} endpoint, directly and as {@code twist words --irc-port ssl:...} makes it, and our
 * clients over {@code tls:}.
 */
@ExtendWith(TrialExtension.class)
class IrcTlsTest {

    @Test
    void twoClientsTalkOverTls(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        PrivateCertificate authority = CertificateBuilder.authority("Test CA").build();
        PrivateCertificate leaf = CertificateBuilder.issuedBy(authority, "localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build();
        leaf.save(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        Path roots = Files.createDirectory(dir.resolve("roots"));
        Files.writeString(roots.resolve("ca.pem"), authority.certificatesPem());
        ChatService service = new ChatService("irc.tls.test");
        service.createGroup("secure");
        ListeningPort port = Coroutine.await(Endpoints.serverFromString(reactor, "ssl:0:privateKey=" + dir.resolve("key.pem")
                + ":certKey=" + dir.resolve("cert.pem") + ":interface=127.0.0.1").listen(new IrcServerFactory(service, reactor, null)));
        try {
            String where = "tls:localhost:" + ((IPv4Address) port.getHost()).port() + ":trustRoots="
                    + Endpoints.quoteStringArgument(roots.toString());
            RecordingClient alice = new RecordingClient(reactor, "alice");
            RecordingClient bob = new RecordingClient(reactor, "bob");
            for (RecordingClient c : new RecordingClient[] {alice, bob}) {
                Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), c));
                c.join("#secure", null);
                Coroutine.await(c.waitFor("names #secure"));
            }
            alice.say("#secure", "over TLS");
            assertThat(Coroutine.await(bob.waitFor("privmsg"))).isEqualTo("privmsg alice #secure over TLS");
            Coroutine.await(alice.quitAndWait("bye"));
            Coroutine.await(bob.quitAndWait("bye"));
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    @org.twisted4j.trial.TrialTimeout(20)
    void twistWordsServesIrcOverTlsWithSaslLogins(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        PrivateCertificate certificate = CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").build();
        certificate.save(dir.resolve("key.pem"), dir.resolve("cert.pem"));
        Path roots = Files.createDirectory(dir.resolve("roots"));
        Files.writeString(roots.resolve("self.pem"), certificate.certificatesPem());
        WordsPlugin plugin = new WordsPlugin();
        MultiService service = (MultiService) plugin.makeService(reactor, plugin.options().parse(List.of(
                "--irc-port", "ssl:0:privateKey=" + dir.resolve("key.pem") + ":certKey=" + dir.resolve("cert.pem")
                        + ":interface=127.0.0.1",
                "--group", "secure", "--auth", "memory:alice:alice-pw:bob:bob-pw", "--hostname", "irc.tls.test")));
        service.startService();
        try {
            ListeningPort port = Coroutine.await(((StreamServerEndpointService) service.services().get(0)).whenListening());
            String where = "tls:localhost:" + ((IPv4Address) port.getHost()).port() + ":trustRoots="
                    + Endpoints.quoteStringArgument(roots.toString());
            RecordingClient alice = new RecordingClient(reactor, "alice");
            alice.setSaslPlain("alice", "alice-pw");
            alice.requestCapabilities("server-time");
            RecordingClient bob = new RecordingClient(reactor, "bob");
            bob.setSaslPlain("bob", "bob-pw");
            for (RecordingClient c : new RecordingClient[] {alice, bob}) {
                Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), c));
                Coroutine.await(c.waitFor("signedOn"));
                assertThat(c.events).contains("sasl ok");
                assertThat(c.enabledCapabilities()).contains("sasl");
                c.join("#secure", null);
                Coroutine.await(c.waitFor("names #secure"));
            }
            assertThat(alice.enabledCapabilities()).contains("server-time");
            alice.say("#secure", "over TLS, logged in");
            assertThat(Coroutine.await(bob.waitFor("privmsg"))).isEqualTo("privmsg alice #secure over TLS, logged in");
            bob.msg("alice", "and back");
            assertThat(Coroutine.await(alice.waitFor("privmsg"))).isEqualTo("privmsg bob alice and back");

            // A wrong password: 904.
            RecordingClient mallory = new RecordingClient(reactor, "mallory");
            mallory.setSaslPlain("alice", "guess");
            Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), mallory));
            assertThat(Coroutine.await(mallory.waitFor("sasl failed"))).startsWith("sasl failed 904");
            // Not logged in, and --auth given: as in Twisted, NickServ asks for the password before the welcome.
            assertThat(Coroutine.await(mallory.waitFor("privmsg NickServ"))).isEqualTo("privmsg NickServ mallory Password?");
            assertThat(mallory.events).noneMatch(e -> e.startsWith("signedOn") || e.equals("sasl ok"));
            Coroutine.await(mallory.quitAndWait("bye"));
            Coroutine.await(alice.quitAndWait("bye"));
            Coroutine.await(bob.quitAndWait("bye"));
        } finally {
            Coroutine.await(service.stopService());
        }
    }
}
