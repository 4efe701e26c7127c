package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

class ImapServerTest {

    static final String CAPS = ImapServer.CAPABILITIES;
    static final String MESSAGE = "From: Alice <alice@a.test>\r\nTo: bob@b.test, \"Carol C\" <carol@c.test>\r\n"
            + "Subject: Hello\r\nDate: Mon, 7 Dec 2026 01:00:00 +0000\r\nMessage-ID: <1@a.test>\r\n\r\nHi Bob\r\n";

    private final Clock clock = new Clock();
    private final MemoryAccount account = new MemoryAccount();
    private ImapServerFactory factory;
    private StringTransport transport = new StringTransport();
    private ImapServer server;

    static Portal portal(ImapAccount account) {
        InMemoryPasswords passwords = new InMemoryPasswords(Map.of("alice", "secret"));
        return new Portal((id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(ImapAccount.class, account, LoginResult.NO_LOGOUT)), passwords);
    }

    @BeforeEach
    void start() {
        factory = new ImapServerFactory(clock, portal(account));
        server = connect(transport);
    }

    private ImapServer connect(StringTransport t) {
        ImapServer s = (ImapServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        s.makeConnection(t);
        assertThat(take(t)).isEqualTo("* OK [CAPABILITY " + CAPS + "] twisted4j IMAP4rev1 server ready\r\n");
        return s;
    }

    private static void send(ImapServer s, String text) {
        s.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private void send(String text) {
        send(server, text);
    }

    private static String take(StringTransport t) {
        String out = t.valueAsString();
        t.clear();
        return out;
    }

    private String take() {
        return take(transport);
    }

    private void login() {
        send("a LOGIN alice secret\r\n");
        assertThat(take()).isEqualTo("a OK [CAPABILITY " + CAPS + "] Logged in\r\n");
    }

    private void selectInbox() {
        login();
        send("s SELECT INBOX\r\n");
        take();
    }

    @Test
    void capabilityAndNoopBeforeLogin() {
        send("1 CAPABILITY\r\n2 NOOP\r\n3 SELECT INBOX\r\n");
        assertThat(take()).isEqualTo("* CAPABILITY " + CAPS + "\r\n1 OK CAPABILITY completed\r\n2 OK NOOP completed\r\n"
                + "3 BAD Command not valid in this state\r\n");
    }

    @Test
    void loginWithAWrongPasswordFails() {
        send("a LOGIN alice wrong\r\n");
        assertThat(take()).isEqualTo("a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
    }

    @Test
    void authenticatePlainWithAnInitialResponse() {
        String ir = Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(UTF_8));
        send("a AUTHENTICATE PLAIN " + ir + "\r\n");
        assertThat(take()).isEqualTo("a OK [CAPABILITY " + CAPS + "] Logged in\r\n");
    }

    @Test
    void authenticateLoginAsksForNameThenPassword() {
        send("a AUTHENTICATE LOGIN\r\n");
        assertThat(take()).isEqualTo("+ VXNlcm5hbWU6\r\n");
        send(Base64.getEncoder().encodeToString("alice".getBytes(UTF_8)) + "\r\n");
        assertThat(take()).isEqualTo("+ UGFzc3dvcmQ6\r\n");
        send(Base64.getEncoder().encodeToString("secret".getBytes(UTF_8)) + "\r\n");
        assertThat(take()).isEqualTo("a OK [CAPABILITY " + CAPS + "] Logged in\r\n");
    }

    @Test
    void authenticateCramMd5() {
        send("a AUTHENTICATE CRAM-MD5\r\n");
        String challenge = new String(Base64.getDecoder().decode(take().substring(2).trim()), UTF_8);
        String answer = "alice " + CramMD5Credentials.respond(challenge, "secret");
        send(Base64.getEncoder().encodeToString(answer.getBytes(UTF_8)) + "\r\n");
        assertThat(take()).isEqualTo("a OK [CAPABILITY " + CAPS + "] Logged in\r\n");
    }

    @Test
    void selectReportsTheMailbox() {
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of("\\Seen"), Instant.EPOCH);
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        login();
        send("s SELECT inbox\r\n");
        assertThat(take()).isEqualTo("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
                + "* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UNSEEN 2] First unseen\r\n* OK [UIDVALIDITY 1] UIDs valid\r\n"
                + "* OK [UIDNEXT 3] Predicted next UID\r\n* OK [HIGHESTMODSEQ 3] Highest\r\n"
                + "s OK [READ-WRITE] SELECT completed\r\n");
    }

    @Test
    void createListStatusRenameDelete() {
        login();
        send("1 CREATE Work/Projects\r\n2 LIST \"\" *\r\n3 LIST \"\" %\r\n4 STATUS Work (MESSAGES UIDNEXT UNSEEN)\r\n"
                + "5 RENAME Work Play\r\n6 DELETE Play/Projects\r\n7 LIST \"\" *\r\n8 CREATE INBOX\r\n"
                + "9 LIST \"\" \"\"\r\n");
        assertThat(take()).isEqualTo("1 OK CREATE completed\r\n"
                + "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasChildren) \"/\" Work\r\n"
                + "* LIST (\\HasNoChildren) \"/\" Work/Projects\r\n2 OK LIST completed\r\n"
                + "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasChildren) \"/\" Work\r\n3 OK LIST completed\r\n"
                + "* STATUS Work (MESSAGES 0 UIDNEXT 1 UNSEEN 0)\r\n4 OK STATUS completed\r\n"
                + "5 OK RENAME completed\r\n6 OK DELETE completed\r\n"
                + "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren) \"/\" Play\r\n7 OK LIST completed\r\n"
                + "8 NO [ALREADYEXISTS] INBOX exists\r\n* LIST (\\Noselect) \"/\" \"\"\r\n9 OK LIST completed\r\n");
    }

    @Test
    void appendWithALiteralThenFetch() {
        selectInbox();
        byte[] msg = MESSAGE.getBytes(UTF_8);
        send("a APPEND INBOX (\\Flagged) \"07-Dec-2026 01:02:03 +0100\" {" + msg.length + "}\r\n");
        assertThat(take()).isEqualTo("+ Ready for literal\r\n");
        send(MESSAGE + "\r\n");
        assertThat(take()).isEqualTo("* 1 EXISTS\r\na OK [APPENDUID 1 1] APPEND completed\r\n");
        send("f FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)\r\n");
        assertThat(take()).isEqualTo("* 1 FETCH (FLAGS (\\Flagged) INTERNALDATE \"07-Dec-2026 00:02:03 +0000\" "
                + "RFC822.SIZE " + msg.length + " ENVELOPE (\"Mon, 7 Dec 2026 01:00:00 +0000\" \"Hello\" "
                + "((\"Alice\" NIL \"alice\" \"a.test\")) ((\"Alice\" NIL \"alice\" \"a.test\")) "
                + "((\"Alice\" NIL \"alice\" \"a.test\")) ((NIL NIL \"bob\" \"b.test\")(\"Carol C\" NIL \"carol\" "
                + "\"c.test\")) NIL NIL NIL \"<1@a.test>\"))\r\nf OK FETCH completed\r\n");
        send("g UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[TEXT]<0.2>)\r\n");
        assertThat(take()).isEqualTo("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: Hello\r\n\r\n"
                + " BODY[TEXT]<0> {2}\r\nHi FLAGS (\\Flagged \\Seen))\r\ng OK FETCH completed\r\n");
    }

    @Test
    void storeSearchCopyExpunge() {
        for (int i = 0; i < 3; i++) {
            account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        }
        account.create("Archive");
        selectInbox();
        send("1 STORE 2:3 +FLAGS (\\Deleted)\r\n2 SEARCH DELETED\r\n3 UID SEARCH NOT DELETED SUBJECT hello\r\n"
                + "4 COPY 1,3 Archive\r\n5 EXPUNGE\r\n6 STORE 1 FLAGS.SILENT (\\Seen)\r\n7 COPY 1 Nowhere\r\n");
        assertThat(take()).isEqualTo("* 2 FETCH (FLAGS (\\Deleted))\r\n* 3 FETCH (FLAGS (\\Deleted))\r\n"
                + "1 OK STORE completed\r\n* SEARCH 2 3\r\n2 OK SEARCH completed\r\n* SEARCH 1\r\n3 OK SEARCH completed\r\n"
                + "4 OK [COPYUID 2 1,3 1,2] COPY completed\r\n* 3 EXPUNGE\r\n* 2 EXPUNGE\r\n5 OK EXPUNGE completed\r\n"
                + "6 OK STORE completed\r\n7 NO [TRYCREATE] No such mailbox\r\n");
    }

    @Test
    void moveSendsCopyUidAndExpunges() {
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        account.create("Archive");
        selectInbox();
        send("m UID MOVE 1 Archive\r\n");
        assertThat(take()).isEqualTo("* OK [COPYUID 2 1 1] Moved\r\n* 1 EXPUNGE\r\nm OK MOVE completed\r\n");
    }

    @Test
    void otherSessionsHearOfChangesAndIdleHearsAtOnce() {
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        selectInbox();
        StringTransport other = new StringTransport();
        ImapServer second = connect(other);
        send(second, "a LOGIN alice secret\r\ns SELECT INBOX\r\ni IDLE\r\n");
        assertThat(take(other)).endsWith("s OK [READ-WRITE] SELECT completed\r\n+ idling\r\n");
        send("1 STORE 1 +FLAGS (\\Seen)\r\n");
        take();
        assertThat(take(other)).isEqualTo("* 1 FETCH (FLAGS (\\Seen))\r\n");
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        assertThat(take(other)).isEqualTo("* 2 EXISTS\r\n");
        send("2 STORE 1 +FLAGS (\\Deleted)\r\n3 EXPUNGE\r\n");
        assertThat(take(other)).isEqualTo("* 1 FETCH (FLAGS (\\Seen \\Deleted))\r\n* 1 EXPUNGE\r\n");
        send(second, "DONE\r\n");
        assertThat(take(other)).isEqualTo("i OK IDLE terminated\r\n");
    }

    @Test
    void badInputIsBadWithNoEffect() {
        account.mailbox("INBOX").append(MESSAGE.getBytes(UTF_8), Set.of(), Instant.EPOCH);
        factory.setMaxLiteralSize(100);
        transport = new StringTransport();
        server = connect(transport);
        selectInbox();
        send("1 FETCH 1 (FLAGS\r\n2 APPEND INBOX {1000}\r\n3 FETCH 1 " + "(".repeat(50) + "\r\n4 FROB\r\n"
                + "5 STORE 0:2 +FLAGS (\\Deleted)\r\n6 STORE 1 +FLAGS (\\Bogus)\r\n7 FETCH 1 FLAGS\r\n");
        assertThat(take()).isEqualTo("1 BAD Unbalanced parentheses\r\n2 BAD Literal too large\r\n"
                + "3 BAD Lists nested too deeply\r\n4 BAD Unknown command\r\n5 BAD Invalid sequence set\r\n"
                + "6 BAD Invalid flag \\Bogus\r\n* 1 FETCH (FLAGS ())\r\n7 OK FETCH completed\r\n");
    }

    @Test
    void idleTimeoutLogsOut() {
        login();
        clock.advance(ImapServerFactory.DEFAULT_TIMEOUT - 1);
        assertThat(take()).isEmpty();
        clock.advance(1);
        assertThat(take()).isEqualTo("* BYE Autologout; connection idle too long\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void logout() {
        send("z LOGOUT\r\n");
        assertThat(take()).isEqualTo("* BYE twisted4j IMAP4rev1 server logging out\r\nz OK LOGOUT completed\r\n");
    }
}
