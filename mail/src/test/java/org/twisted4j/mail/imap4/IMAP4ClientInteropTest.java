package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.trial.TrialExtension;

/** Our IMAP client through every operation, against Dovecot and against our own server over a Maildir. */
@ExtendWith(TrialExtension.class)
class IMAP4ClientInteropTest {

    static final String MESSAGE = "From: Alice <alice@a.test>\r\nTo: bob@b.test\r\nSubject: client test\r\n"
            + "Date: Mon, 7 Dec 2026 01:00:00 +0000\r\nMessage-ID: <c1@a.test>\r\n\r\nHello\r\n";

    @TempDir
    Path dir;

    static IMAP4Client connect(NioReactor reactor, int port) throws Exception {
        IMAP4Client client = new IMAP4Client();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port),
                client));
        Coroutine.await(client.greeting());
        return client;
    }

    @Test
    void everyOperationAgainstDovecot(NioReactor reactor) throws Exception {
        Dovecot dovecot = Dovecot.start(reactor, dir);
        try {
            everyOperation(reactor, dovecot.port(), "bob", "secret");
        } catch (Exception | AssertionError e) {
            throw new AssertionError("failed at " + step + "; Dovecot said:\n" + dovecot.stop(reactor), e);
        }
        dovecot.stop(reactor);
    }

    @Test
    void everyOperationAgainstOurServer(NioReactor reactor) throws Exception {
        MaildirAccount account = MaildirAccount.open(dir.resolve("bob"), reactor);
        ImapServerFactory factory = new ImapServerFactory(reactor, ImapServerTest.portal(account));
        ListeningPort port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        try {
            everyOperation(reactor, ((IPv4Address) port.getHost()).port(), "alice", "secret");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    private int step;

    private <T> T await(Deferred<T> d) throws Exception {
        step++;
        return Coroutine.await(d);
    }

    private void everyOperation(NioReactor reactor, int port, String user, String password) throws Exception {
        IMAP4Client client = connect(reactor, port);
        assertThat(await(client.getCapabilities())).contains("IMAP4REV1");
        await(client.authenticate("PLAIN", user, password));
        Set<String> caps = await(client.getCapabilities());
        assertThat(caps).contains("IDLE", "UIDPLUS", "MOVE", "CONDSTORE", "LITERAL+");
        IMAP4Client.Namespaces namespaces = await(client.namespace());
        assertThat(namespaces.personal()).hasSize(1);
        String delimiter = namespaces.personal().get(0).delimiter();
        String prefix = namespaces.personal().get(0).prefix();

        await(client.create(prefix + "Work"));
        assertThat(await(client.list("", "*"))).extracting(IMAP4Client.ListEntry::name)
                .contains("INBOX", prefix + "Work");
        await(client.subscribe(prefix + "Work"));
        assertThat(await(client.lsub("", "*"))).extracting(IMAP4Client.ListEntry::name).contains(prefix + "Work");
        assertThat(await(client.status("INBOX", "MESSAGES", "UIDNEXT"))).containsEntry("MESSAGES", 0L);

        IMAP4Client.UidPlus appended = await(client.append("INBOX", MESSAGE.getBytes(UTF_8), List.of("\\Seen"),
                Instant.parse("2026-12-07T01:02:03Z")));
        assertThat(appended).isNotNull();
        assertThat(appended.uids()).isEqualTo("1");

        IMAP4Client.MailboxInfo info = await(client.selectCondstore("INBOX"));
        assertThat(info.exists()).isEqualTo(1);
        assertThat(info.uidValidity()).isEqualTo(appended.uidValidity());
        assertThat(info.uidNext()).isEqualTo(2);
        assertThat(info.highestModseq()).isPositive();
        assertThat(info.readWrite()).isTrue();
        assertThat(info.flags()).contains("\\Seen", "\\Deleted");

        assertThat(await(client.search("ALL", false))).containsExactly(1L);
        assertThat(await(client.search("SUBJECT \"client test\"", true))).containsExactly(1L);
        Map<Long, ImapFetched> fetched = await(client.fetch("1", "(FLAGS UID RFC822.SIZE INTERNALDATE ENVELOPE "
                + "BODYSTRUCTURE MODSEQ BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[])", false));
        ImapFetched one = fetched.get(1L);
        assertThat(one.flags()).contains("\\Seen").doesNotContain("\\Flagged"); // Dovecot adds \Recent
        assertThat(one.uid()).isEqualTo(1);
        assertThat(one.size()).isEqualTo(MESSAGE.length());
        assertThat(one.internalDate()).isEqualTo(Instant.parse("2026-12-07T01:02:03Z"));
        assertThat(one.modseq()).isPositive();
        ImapFetched.Envelope envelope = one.envelope();
        assertThat(envelope.subject()).isEqualTo("client test");
        assertThat(envelope.from()).containsExactly(new ImapFetched.Address("Alice", null, "alice", "a.test"));
        assertThat(envelope.messageId()).isEqualTo("<c1@a.test>");
        assertThat(one.bodyStructure()).isInstanceOf(ImapArg.Paren.class);
        assertThat(new String(one.body("BODY[]"), UTF_8)).isEqualTo(MESSAGE);
        assertThat(new String(one.body("BODY[HEADER.FIELDS (SUBJECT)]"), UTF_8))
                .isEqualTo("Subject: client test\r\n\r\n");

        assertThat(await(client.store("1", "+FLAGS", List.of("\\Flagged"), false)).get(1L))
                .contains("\\Seen", "\\Flagged");
        IMAP4Client.UidPlus copied = await(client.copy("1", prefix + "Work", false));
        assertThat(copied.sourceUids()).isEqualTo("1");
        await(client.append("INBOX", MESSAGE.getBytes(UTF_8), List.of(), null));
        await(client.noop());
        IMAP4Client.UidPlus moved = await(client.move("2", prefix + "Work", true));
        assertThat(moved.sourceUids()).isEqualTo("2");
        await(client.store("1", "+FLAGS.SILENT", List.of("\\Deleted"), false));
        assertThat(await(client.expunge())).containsExactly(1L);
        await(client.check());

        IMAP4Client.MailboxInfo work = await(client.examine(prefix + "Work"));
        assertThat(work.exists()).isEqualTo(2);
        assertThat(work.readWrite()).isFalse();
        await(client.close());

        // IDLE: a second session appends; the idling one is told.
        await(client.select("INBOX"));
        List<Long> told = new ArrayList<>();
        Deferred<Long> heard = new Deferred<>();
        client.setUpdates(new IMAP4Client.Updates() {
            @Override
            public void exists(long count) {
                told.add(count);
                if (!heard.isCalled()) {
                    heard.callback(count);
                }
            }
        });
        IMAP4Client.Idle idle = client.idle();
        await(idle.started());
        IMAP4Client other = connect(reactor, port);
        await(other.login(user, password));
        await(other.append("INBOX", MESSAGE.getBytes(UTF_8), List.of(), null));
        assertThat(await(heard.addTimeout(10, reactor))).isEqualTo(1L);
        await(idle.done());
        await(other.logout());

        await(client.unselect());
        await(client.rename(prefix + "Work", prefix + "Play"));
        await(client.unsubscribe(prefix + "Work"));
        await(client.delete(prefix + "Play"));
        Throwable refused = catchThrowable(() -> await(client.select(prefix + "Nowhere")));
        assertThat(refused).isInstanceOf(IMAP4Client.CommandFailed.class);
        assertThat(((IMAP4Client.CommandFailed) refused).response().status()).isEqualTo("NO");
        await(client.logout());
    }
}
