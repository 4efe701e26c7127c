package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** CONDSTORE (RFC 7162) and SPECIAL-USE (RFC 6154) on the in-memory account. */
class ImapCondstoreTest {

    private final MemoryAccount account = new MemoryAccount();
    private final ImapServerFactory factory = new ImapServerFactory(new Clock(), ImapServerTest.portal(account));
    private final StringTransport transport = new StringTransport();
    private ImapServer server;

    @BeforeEach
    void login() {
        ImapMailbox inbox = account.mailbox("INBOX");
        for (int i = 0; i < 3; i++) {
            inbox.append(ImapServerTest.MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        }
        server = (ImapServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        ask("a LOGIN alice secret\r\n");
    }

    private String ask(String text) {
        server.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    @Test
    void capabilitiesNameBothExtensions() {
        assertThat(ImapServer.CAPABILITIES).contains(" CONDSTORE ").contains(" SPECIAL-USE CREATE-SPECIAL-USE");
    }

    @Test
    void enableAndSelectReportHighestModseq() {
        assertThat(ask("e ENABLE CONDSTORE X-UNKNOWN\r\n")).isEqualTo("* ENABLED CONDSTORE\r\ne OK ENABLE completed\r\n");
        assertThat(ask("s SELECT INBOX (CONDSTORE)\r\n")).contains("* OK [HIGHESTMODSEQ 4] Highest\r\n");
        assertThat(ask("st STATUS INBOX (HIGHESTMODSEQ MESSAGES)\r\n"))
                .startsWith("* STATUS INBOX (HIGHESTMODSEQ 4 MESSAGES 3)\r\n");
        assertThat(ask("b SELECT INBOX (BOGUS)\r\n")).isEqualTo("b BAD Unknown SELECT parameter\r\n");
        assertThat(ask("n NOOP\r\n")).isEqualTo("n OK NOOP completed\r\n");
    }

    @Test
    void fetchChangedSinceGivesOnlyNewerMessagesWithTheirModseq() {
        ask("s SELECT INBOX\r\n");
        ask("t STORE 2 +FLAGS.SILENT (\\Flagged)\r\n");
        assertThat(ask("f FETCH 1:* (FLAGS) (CHANGEDSINCE 4)\r\n"))
                .isEqualTo("* OK [HIGHESTMODSEQ 5] Highest\r\n* 2 FETCH (FLAGS (\\Flagged) MODSEQ (5))\r\n"
                        + "f OK FETCH completed\r\n");
        assertThat(ask("g UID FETCH 1:* (MODSEQ)\r\n")).isEqualTo("* 1 FETCH (UID 1 MODSEQ (2))\r\n"
                + "* 2 FETCH (UID 2 MODSEQ (5))\r\n* 3 FETCH (UID 3 MODSEQ (4))\r\ng OK FETCH completed\r\n");
        assertThat(ask("h FETCH 1 (FLAGS) (CHANGEDSINCE x)\r\n")).isEqualTo("h BAD Invalid mod-sequence\r\n");
    }

    @Test
    void storeUnchangedSinceRefusesMessagesChangedSince() {
        ask("s SELECT INBOX (CONDSTORE)\r\n");
        assertThat(ask("t STORE 1:3 (UNCHANGEDSINCE 3) +FLAGS (\\Seen)\r\n"))
                .isEqualTo("* 1 FETCH (FLAGS (\\Seen) MODSEQ (5))\r\n* 2 FETCH (FLAGS (\\Seen) MODSEQ (6))\r\n"
                        + "t OK [MODIFIED 3] STORE completed\r\n");
        assertThat(account.mailbox("INBOX").messages().get(2).flags()).isEmpty();
        assertThat(ask("u SEARCH MODSEQ 6\r\n")).isEqualTo("* SEARCH 2 (MODSEQ 6)\r\nu OK SEARCH completed\r\n");
        assertThat(ask("v UID SEARCH MODSEQ \"/flags/\\\\seen\" all 5\r\n"))
                .isEqualTo("* SEARCH 1 2 (MODSEQ 6)\r\nv OK SEARCH completed\r\n");
    }

    @Test
    void anotherSessionsChangeCarriesItsModseq() {
        ask("s SELECT INBOX (CONDSTORE)\r\n");
        ImapMailbox inbox = account.mailbox("INBOX");
        inbox.setFlags(inbox.messages().get(0), Set.of("\\Answered"));
        assertThat(ask("n NOOP\r\n")).isEqualTo("* 1 FETCH (FLAGS (\\Answered) MODSEQ (5))\r\nn OK NOOP completed\r\n");
    }

    @Test
    void listTellsSpecialUseAndCreateRecordsIt() {
        assertThat(ask("1 CREATE Sent\r\n2 CREATE Outbox (USE (\\Drafts))\r\n3 CREATE Other (USE (\\All))\r\n"))
                .isEqualTo("1 OK CREATE completed\r\n2 OK CREATE completed\r\n"
                        + "3 NO [USEATTR] Unsupported special-use attribute\r\n");
        assertThat(ask("4 LIST \"\" *\r\n")).isEqualTo("* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                + "* LIST (\\HasNoChildren \\Drafts) \"/\" Outbox\r\n* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
                + "4 OK LIST completed\r\n");
        assertThat(ask("5 LIST (SPECIAL-USE) \"\" * RETURN (SPECIAL-USE)\r\n"))
                .isEqualTo("* LIST (\\HasNoChildren \\Drafts) \"/\" Outbox\r\n"
                        + "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n5 OK LIST completed\r\n");
        assertThat(ask("6 CREATE Third (USE \\Sent)\r\n")).isEqualTo("6 BAD Expected (USE (attributes))\r\n");
    }
}
