package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.mail.smtp.Helo;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpSender;
import org.twisted4j.mail.smtp.SmtpServerFactory;
import org.twisted4j.mail.smtp.SmtpUser;
import org.twisted4j.testing.IOPump;

class RelayManagerTest {

    @TempDir
    Path dir;

    private final InlineReactor reactor = new InlineReactor();
    /** Every message the fake servers stored, as "recipient: message". */
    private final List<String> delivered = new ArrayList<>();
    /** Each destination's number of connections. */
    private final Map<String, Integer> connections = new HashMap<>();
    /** Bounces handed to the submitter: "to: message". */
    private final List<String> bounces = new ArrayList<>();
    private boolean refuse;

    /** A server accepting everyone but bad@ (550 5.1.1) and later@ (451 4.2.0), storing into {@link #delivered}. */
    private final MessageDelivery serverDelivery = new MessageDelivery() {
        @Override
        public String receivedHeader(Helo helo, MailAddress origin, List<SmtpUser> recipients) {
            return null;
        }

        @Override
        public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
            return Deferred.succeed(origin);
        }

        @Override
        public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
            String local = user.dest().localPart();
            if (local.equals("bad")) {
                return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user"));
            }
            if (local.equals("later")) {
                return Deferred.fail(new SmtpRejection(451, "4.2.0", "Mailbox busy"));
            }
            return Deferred.succeed(() -> new MessageSink() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public void write(byte[] bytes) {
                    text.append(new String(bytes, UTF_8));
                }

                @Override
                public Deferred<?> eomReceived() {
                    delivered.add(user.dest() + ": " + text);
                    return Deferred.succeed(null);
                }

                @Override
                public void connectionLost() {
                }
            });
        }
    };

    private StreamClientEndpoint endpoint(String destination) {
        return new StreamClientEndpoint() {
            @Override
            public Deferred<Protocol> connect(Factory factory) {
                if (refuse) {
                    return Deferred.fail(new ConnectionRefusedError(IOPump.DEFAULT_SERVER_ADDRESS));
                }
                connections.merge(destination, 1, Integer::sum);
                SmtpServerFactory server = new SmtpServerFactory(reactor, "mx." + destination);
                server.setDelivery(serverDelivery);
                Protocol client = factory.buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS);
                Protocol serverProtocol = server.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
                IOPump.connectedLoopback(serverProtocol, client).flush();
                return Deferred.succeed(client);
            }
        };
    }

    private RelayManager manager(boolean smartHost) throws IOException {
        RelayManager.Router router = domain -> Deferred.succeed(new RelayManager.Route(endpoint(domain),
                "mx." + domain));
        RelayManager manager = new RelayManager(reactor, RelayQueue.open(dir), router, smartHost,
                SmtpSender.Settings.of("relay.test"), InstantSource.fixed(Instant.EPOCH));
        manager.setBounceSubmitter((from, to, message) -> {
            assertThat(from.isNull()).isTrue();
            bounces.add(to.get(0) + ": " + new String(message, UTF_8));
            return Deferred.succeed(null);
        });
        return manager;
    }

    private static MailAddress a(String text) {
        return MailAddress.parsePath(text, true);
    }

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@a.test>\r\n\r\nbody\r\n").getBytes(UTF_8);
    }

    private static List<String> files(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void smartHostCarriesEveryDueMessageOnOneConnection() throws IOException {
        RelayManager manager = manager(true);
        manager.start();
        manager.enqueue(a("<s@a.test>"), List.of(a("<x@b.test>"), a("<y@c.test>")), message("one"));
        manager.enqueue(a("<s@a.test>"), List.of(a("<z@d.test>")), message("two"));
        reactor.advance(0);

        assertThat(connections).isEqualTo(Map.of("", 1));
        assertThat(delivered).hasSize(3).anySatisfy(d -> assertThat(d).startsWith("x@b.test: Subject: one"))
                .anySatisfy(d -> assertThat(d).startsWith("z@d.test: Subject: two"));
        assertThat(manager.queued()).isEmpty();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void mxModeOpensOneConnectionPerDomainCarryingUpToTenMessages() throws IOException {
        RelayManager manager = manager(false);
        manager.setMaxConnections(5);
        for (int i = 0; i < 12; i++) {
            manager.enqueue(a("<s@a.test>"), List.of(a("<r" + i + "@b.test>")), message("m" + i));
        }
        manager.enqueue(a("<s@a.test>"), List.of(a("<x@c.test>"), a("<y@C.TEST>"), a("<z@d.test>")), message("multi"));
        assertThat(manager.queued()).hasSize(14);
        manager.start();

        assertThat(delivered).hasSize(15);
        assertThat(connections).isEqualTo(Map.of("b.test", 2, "c.test", 1, "d.test", 1));
        assertThat(manager.queued()).isEmpty();
    }

    @Test
    void temporaryFailuresAreRetriedOnTheScheduleThenBouncedWhenExpired() throws IOException {
        RelayManager manager = manager(false);
        manager.setRetrySchedule(new RetrySchedule(List.of(300L, 3600L), 4 * 3600));
        manager.start();
        refuse = true;
        manager.enqueue(a("<s@a.test>"), List.of(a("<r@b.test>")), message("retry"));
        reactor.advance(0);
        assertThat(manager.queued()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextAttempt()).isEqualTo(300);
            assertThat(e.lastError()).contains("refused");
        });
        assertThat(RelayQueue.open(dir).load()).singleElement().extracting(Envelope::attempts).isEqualTo(1);

        reactor.advance(299);
        assertThat(manager.queued()).singleElement().extracting(Envelope::attempts).isEqualTo(1);
        reactor.advance(30);
        assertThat(manager.queued()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.nextAttempt()).as("tried again at the check after 300 s").isEqualTo(329 + 3600);
        });
        for (int i = 0; i < 4 * 3600 / 30 + 1; i++) {
            reactor.advance(30);
        }
        assertThat(manager.queued()).isEmpty();
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b).startsWith("s@a.test: ");
            assertThat(b).contains("Final-Recipient: rfc822; r@b.test", "Status: 4.4.7", "Action: failed",
                    "Subject: retry");
        });
        assertThat(delivered).isEmpty();
    }

    @Test
    void aTemporaryRefusalIsRetriedAndDeliveredOnceTheServerTakesIt() throws IOException {
        RelayManager manager = manager(false);
        manager.start();
        refuse = true;
        manager.enqueue(a("<s@a.test>"), List.of(a("<r@b.test>")), message("late"));
        reactor.advance(0);
        refuse = false;
        reactor.advance(300);
        assertThat(delivered).singleElement().asString().startsWith("r@b.test: Subject: late");
        assertThat(manager.queued()).isEmpty();
        assertThat(bounces).isEmpty();
    }

    @Test
    void permanentRefusalsAreBouncedAtOnceOthersDeliveredOrKept() throws IOException {
        RelayManager manager = manager(true);
        manager.start();
        manager.enqueue(a("<s@a.test>"), List.of(a("<good@b.test>"), a("<bad@b.test>"), a("<later@b.test>")),
                message("mixed"));
        reactor.advance(0);

        assertThat(delivered).singleElement().asString().startsWith("good@b.test: ");
        assertThat(bounces).singleElement().satisfies(b -> assertThat(b)
                .contains("Content-Type: multipart/report; report-type=delivery-status",
                        "Final-Recipient: rfc822; bad@b.test", "Status: 5.1.1", "Remote-MTA: dns; mx.",
                        "Diagnostic-Code: smtp; 550 ")
                .doesNotContain("good@b.test", "Final-Recipient: rfc822; later@b.test"));
        assertThat(manager.queued()).singleElement().satisfies(e -> {
            assertThat(e.recipients()).containsExactly(a("<later@b.test>"));
            assertThat(e.lastError()).startsWith("451");
        });
    }

    @Test
    void everyRecipientRefusedPermanentlyBouncesTheMessageButABounceIsNeverBounced() throws IOException {
        RelayManager manager = manager(false);
        manager.start();
        manager.enqueue(a("<s@a.test>"), List.of(a("<bad@b.test>")), message("nobody"));
        manager.enqueue(MailAddress.NULL, List.of(a("<bad@c.test>")), message("double"));
        reactor.advance(0);
        assertThat(bounces).singleElement().asString().startsWith("s@a.test: ").contains("bad@b.test")
                .doesNotContain("bad@c.test");
        assertThat(manager.queued()).isEmpty();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aRestartedRelayDeliversWhatThePreviousOneQueued() throws IOException {
        RelayManager first = manager(false);
        first.enqueue(a("<s@a.test>"), List.of(a("<r@b.test>")), message("kept"));
        assertThat(delivered).isEmpty();
        first.stop();

        RelayManager second = manager(false);
        List<Integer> found = new ArrayList<>();
        second.start().addCallback(found::add);
        assertThat(found).containsExactly(1);
        assertThat(delivered).singleElement().asString().startsWith("r@b.test: Subject: kept");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aBounceThatCannotBeStoredIsDroppedNotRetried() throws IOException {
        RelayManager manager = manager(true);
        manager.setBounceSubmitter((from, to, message) -> Deferred.fail(new SmtpRejection(550, "5.1.1", "no sender")));
        manager.start();
        manager.enqueue(a("<s@a.test>"), List.of(a("<good@b.test>"), a("<bad@b.test>")), message("once"));
        reactor.advance(0);
        reactor.advance(3600);
        assertThat(delivered).singleElement().asString().startsWith("good@b.test: ");
        assertThat(manager.queued()).isEmpty();
        assertThat(files(dir)).isEmpty();
    }
}
