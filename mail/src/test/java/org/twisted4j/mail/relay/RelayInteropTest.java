package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.SmtpSender;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** Our relay delivering to Python Twisted's ESMTP server as its smarthost, on a real reactor. */
@ExtendWith(TrialExtension.class)
class RelayInteropTest {

    @TempDir
    Path dir;

    @Test
    void relaysToPythonTwistedAndBouncesWhatItRefuses(NioReactor reactor) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path script = Path.of(Objects.requireNonNull(RelayInteropTest.class.getResource("/org/twisted4j/mail/smtp/twisted_smtp_server.py")).toURI());
        ExternalServer python = ExternalServer.startAnnouncing(reactor, "Python Twisted SMTP server",
                List.of(Peer.PYTHON_TWISTED.require().toString(), script.toString(), inbox.toString()),
                Pattern.compile("listening on (\\d+)"));
        try {
            RelayManager relay = RelayManager.smartHost(reactor, RelayQueue.open(dir.resolve("queue")),
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + python.port()), "python.test",
                    SmtpSender.Settings.of("relay.test"));
            List<String> bounces = new ArrayList<>();
            Deferred<Void> bounced = new Deferred<>();
            relay.setBounceSubmitter((from, to, message) -> {
                bounces.add(to + "\n" + new String(message, UTF_8));
                bounced.callback(null);
                return Deferred.succeed(null);
            });
            Coroutine.await(relay.start());
            Coroutine.await(relay.enqueue(MailAddress.parseMailbox("alice@a.test", false),
                    List.of(MailAddress.parseMailbox("bob@b.test", false), MailAddress.parseMailbox("nobody@b.test", false),
                            MailAddress.parseMailbox("carol@c.test", false)),
                    "Subject: via the relay\r\n\r\n.dot first\r\nend\r\n".getBytes(UTF_8)));
            Coroutine.await(bounced);
            Coroutine.await(relay.whenEmpty());
            relay.stop();

            List<String> stored = new ArrayList<>();
            try (var files = Files.list(inbox)) {
                for (Path file : files.toList()) {
                    stored.add(Files.readString(file));
                }
            }
            assertThat(stored).hasSize(2).allSatisfy(m -> assertThat(m).contains("Subject: via the relay")
                    .contains("\n.dot first\n"));
            assertThat(bounces).singleElement().asString().startsWith("[alice@a.test]")
                    .contains("Final-Recipient: rfc822; nobody@b.test", "Status: 5.", "Remote-MTA: dns; python.test")
                    .doesNotContain("Final-Recipient: rfc822; bob@b.test");
            assertThat(relay.queued()).isEmpty();
        } finally {
            python.stop(reactor);
        }
    }
}
