package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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

/** Our server on an {@code ssl:} endpoint (as {@code twist words --irc-port ssl:...}) and our clients over {@code tls:}. */
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
}
