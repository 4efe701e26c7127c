package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.mail.maildir.Maildir;
import org.twisted4j.testing.StringTransport;

class MaildirAccountTest {

    static final String MESSAGE = ImapServerTest.MESSAGE;

    @TempDir
    Path root;

    private final Clock clock = new Clock();
    private MaildirAccount.Folders folders;
    private ImapServerFactory factory;

    @BeforeEach
    void start() throws IOException {
        folders = new MaildirAccount.Folders(clock);
        factory = new ImapServerFactory(clock, ImapServerTest.portal(new MaildirAccount(root, folders)));
    }

    /** One connected, logged-in session. */
    private final class Session {
        final StringTransport transport = new StringTransport();
        final ImapServer server = (ImapServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);

        Session() {
            server.makeConnection(transport);
            send("a LOGIN alice secret\r\n");
            take();
        }

        void send(String text) {
            server.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
        }

        String take() {
            String out = transport.valueAsString();
            transport.clear();
            return out;
        }

        String ask(String text) {
            send(text);
            return take();
        }
    }

    private Path deliver() throws IOException {
        return Maildir.open(root).deliver(MESSAGE.getBytes(UTF_8));
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void selectingMovesNewMailToCurAndGivesItUids() throws IOException {
        Path delivered = deliver();
        Session s = new Session();
        String select = s.ask("s SELECT INBOX\r\n");
        assertThat(select).contains("* 1 EXISTS\r\n").contains("* OK [UNSEEN 1]").contains("[UIDNEXT 2]")
                .contains("s OK [READ-WRITE]");
        assertThat(names(root.resolve("new"))).isEmpty();
        assertThat(names(root.resolve("cur"))).containsExactly(delivered.getFileName() + ":2,");
        assertThat(s.ask("f UID FETCH 1 (FLAGS RFC822.SIZE)\r\n"))
                .isEqualTo("* 1 FETCH (UID 1 FLAGS () RFC822.SIZE " + MESSAGE.length() + ")\r\nf OK FETCH completed\r\n");
        assertThat(Files.readString(root.resolve(UidList.FILE))).startsWith("3 V").contains(" N2 ")
                .contains("\n1 M").contains(" :" + delivered.getFileName() + "\n");
    }

    @Test
    void flagsAndKeywordsLiveInTheFileName() throws IOException {
        Path delivered = deliver();
        Session s = new Session();
        s.ask("s SELECT INBOX\r\n");
        assertThat(s.ask("t STORE 1 +FLAGS (\\Seen $Label1 \\Answered)\r\n"))
                .isEqualTo("* 1 FETCH (FLAGS (\\Answered \\Seen $Label1))\r\nt OK STORE completed\r\n");
        assertThat(names(root.resolve("cur"))).containsExactly(delivered.getFileName() + ":2,RSa");
        assertThat(Files.readString(root.resolve(MaildirFolder.KEYWORDS))).isEqualTo("0 $Label1\n");
        clock.advance(0);
        assertThat(Files.readString(root.resolve(UidList.FILE))).contains(" FRSa :");
        assertThat(s.ask("u STORE 1 -FLAGS (\\Answered)\r\n")).startsWith("* 1 FETCH (FLAGS (\\Seen $Label1))");
        assertThat(names(root.resolve("cur"))).containsExactly(delivered.getFileName() + ":2,Sa");
    }

    @Test
    void uidsAndUidValiditySurviveAReopen() throws IOException {
        deliver();
        deliver();
        Session s = new Session();
        String first = s.ask("s SELECT INBOX\r\n");
        s.ask("x STORE 1 +FLAGS (\\Deleted)\r\ne EXPUNGE\r\n");
        deliver();
        MaildirAccount again = MaildirAccount.open(root, new Clock());
        ImapMailbox inbox = again.mailbox("INBOX");
        assertThat(inbox.messages()).extracting(ImapMessage::uid).containsExactly(2L, 3L);
        assertThat(first).contains("[UIDVALIDITY " + inbox.uidValidity() + "]");
        assertThat(inbox.uidNext()).isEqualTo(4);
        assertThat(names(root)).doesNotContain(UidList.FILE + ".tmp");
    }

    @Test
    void anUnreadableUidListGivesANewUidValidity() throws IOException {
        deliver();
        MaildirAccount account = MaildirAccount.open(root, clock);
        long validity = account.mailbox("INBOX").uidValidity();
        Files.writeString(root.resolve(UidList.FILE), "garbage\n");
        long again = MaildirAccount.open(root, new Clock()).mailbox("INBOX").uidValidity();
        assertThat(again).isNotEqualTo(validity);
    }

    @Test
    void aDeliveryReachesAnIdlingSessionOnTheNextPoll() throws IOException {
        Session s = new Session();
        s.ask("s SELECT INBOX\r\n");
        assertThat(s.ask("i IDLE\r\n")).isEqualTo("+ idling\r\n");
        deliver();
        clock.advance(MaildirFolder.POLL_INTERVAL);
        assertThat(s.take()).isEqualTo("* 1 EXISTS\r\n");
        assertThat(names(root.resolve("new"))).isEmpty();
        assertThat(s.ask("DONE\r\n")).isEqualTo("i OK IDLE terminated\r\n");
    }

    @Test
    void sessionsSeeEachOthersChanges() throws IOException {
        deliver();
        deliver();
        Session a = new Session();
        Session b = new Session();
        a.ask("s SELECT INBOX\r\n");
        b.ask("s SELECT INBOX\r\n");
        a.ask("t STORE 1 +FLAGS.SILENT (\\Deleted)\r\n");
        assertThat(b.ask("n NOOP\r\n")).isEqualTo("* 1 FETCH (FLAGS (\\Deleted))\r\nn OK NOOP completed\r\n");
        a.ask("e EXPUNGE\r\n");
        assertThat(b.ask("n NOOP\r\n")).isEqualTo("* 1 EXPUNGE\r\nn OK NOOP completed\r\n");
        a.ask("p APPEND INBOX (\\Seen) {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
        assertThat(b.ask("n NOOP\r\n")).isEqualTo("* 2 EXISTS\r\nn OK NOOP completed\r\n");
    }

    @Test
    void changesByAnotherProgramAreSeenByThePoll() throws IOException {
        deliver();
        Session s = new Session();
        s.ask("s SELECT INBOX\r\n");
        s.ask("i IDLE\r\n");
        Path file = root.resolve("cur").resolve(names(root.resolve("cur")).get(0));
        Files.move(file, root.resolve("cur").resolve(MaildirFolder.base(file.getFileName().toString()) + ":2,FS"));
        clock.advance(MaildirFolder.POLL_INTERVAL);
        assertThat(s.take()).isEqualTo("* 1 FETCH (FLAGS (\\Flagged \\Seen))\r\n");
        Files.delete(root.resolve("cur").resolve(names(root.resolve("cur")).get(0)));
        clock.advance(MaildirFolder.POLL_INTERVAL);
        assertThat(s.take()).isEqualTo("* 1 EXPUNGE\r\n");
    }

    @Test
    void aMessageKeepsItsParsedFileAndItsFlagsUntilARenameOrANewKeywordChangesThem() throws IOException {
        Path first = deliver();
        deliver();
        MaildirAccount account = MaildirAccount.open(root, clock);
        ImapMailbox inbox = account.mailbox("INBOX");
        ImapMessage one = inbox.messages().get(0);
        ImapMessage two = inbox.messages().get(1);
        assertThat(one.structure()).isSameAs(one.structure());
        assertThat(one.structure().header("Subject")).isEqualTo(MimeStructure.parse(one.bytes()).header("Subject"));
        assertThat(one.flags()).isEmpty();
        Files.move(first, root.resolve("cur").resolve(first.getFileName() + ":2,Sb"));
        account.mailbox("INBOX");   // a lookup rescans: the file was renamed by another program
        assertThat(one.flags()).containsExactly("\\Seen");   // no keyword has letter b yet
        inbox.setFlags(two, Set.of("$One"));
        assertThat(one.flags()).containsExactly("\\Seen");
        inbox.setFlags(two, Set.of("$One", "$Two"));   // $Two gets letter b
        assertThat(one.flags()).containsExactly("\\Seen", "$Two");
        assertThat(two.flags()).containsExactlyInAnyOrder("$One", "$Two");
    }

    @Test
    void appendStoresInCurWithFlagsAndDate() throws IOException {
        Session s = new Session();
        String reply = s.ask("p APPEND INBOX (\\Seen \\Draft) \"07-Dec-2026 01:02:03 +0000\" {" + MESSAGE.length()
                + "}\r\n");
        assertThat(reply).startsWith("+ ");
        assertThat(s.ask(MESSAGE + "\r\n")).matches("p OK \\[APPENDUID \\d+ 1\\] APPEND completed\r\n");
        List<String> cur = names(root.resolve("cur"));
        assertThat(cur).hasSize(1);
        assertThat(cur.get(0)).endsWith(":2,DS");
        assertThat(Files.getLastModifiedTime(root.resolve("cur").resolve(cur.get(0))).toInstant())
                .isEqualTo(Instant.parse("2026-12-07T01:02:03Z"));
        assertThat(Files.readString(root.resolve("cur").resolve(cur.get(0)))).isEqualTo(MESSAGE);
    }

    @Test
    void foldersAreMaildirPlusPlusDirectories() throws IOException {
        Session s = new Session();
        assertThat(s.ask("1 CREATE Work/Projects\r\n")).isEqualTo("1 OK CREATE completed\r\n");
        assertThat(Files.isDirectory(root.resolve(".Work.Projects/cur"))).isTrue();
        assertThat(Files.exists(root.resolve(".Work.Projects/maildirfolder"))).isTrue();
        assertThat(Files.isDirectory(root.resolve(".Work/new"))).isTrue();
        assertThat(s.ask("2 LIST \"\" *\r\n")).isEqualTo("* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                + "* LIST (\\HasChildren) \"/\" Work\r\n* LIST (\\HasNoChildren) \"/\" Work/Projects\r\n"
                + "2 OK LIST completed\r\n");
        assertThat(s.ask("3 CREATE a.b\r\n")).isEqualTo("3 NO CREATE failed\r\n");
        assertThat(s.ask("4 RENAME Work Play\r\n")).isEqualTo("4 OK RENAME completed\r\n");
        assertThat(names(root)).contains(".Play", ".Play.Projects").doesNotContain(".Work", ".Work.Projects");
        assertThat(s.ask("5 DELETE Play/Projects\r\n")).isEqualTo("5 OK DELETE completed\r\n");
        assertThat(names(root)).doesNotContain(".Play.Projects");
        s.ask("6 SUBSCRIBE Play\r\n");
        assertThat(Files.readString(root.resolve("subscriptions"))).isEqualTo("Play\n");
        assertThat(s.ask("7 LSUB \"\" *\r\n")).isEqualTo("* LSUB (\\HasNoChildren) \"/\" Play\r\n7 OK LSUB completed\r\n");
    }

    @Test
    void copyAndRenameOfInboxMoveFiles() throws IOException {
        deliver();
        Session s = new Session();
        s.ask("c CREATE Archive\r\ns SELECT INBOX\r\n");
        assertThat(s.ask("m UID MOVE 1 Archive\r\n")).contains("[COPYUID").contains("* 1 EXPUNGE\r\n");
        assertThat(names(root.resolve(".Archive/cur"))).hasSize(1);
        assertThat(names(root.resolve("cur"))).isEmpty();
        deliver();
        s.ask("u UNSELECT\r\n");
        assertThat(s.ask("r RENAME INBOX Old\r\n")).isEqualTo("r OK RENAME completed\r\n");
        assertThat(names(root.resolve(".Old/new"))).hasSize(1);
        assertThat(s.ask("st STATUS INBOX (MESSAGES)\r\n")).startsWith("* STATUS INBOX (MESSAGES 0)");
        assertThat(MaildirAccount.open(root, clock).mailbox("Archive").messages().get(0).flags()).isEqualTo(Set.of());
    }

    @Test
    void modseqsAndSpecialUseSurviveAReopen() throws IOException {
        deliver();
        deliver();
        Session s = new Session();
        assertThat(s.ask("s SELECT INBOX (CONDSTORE)\r\n")).contains("* OK [HIGHESTMODSEQ 3] Highest\r\n");
        assertThat(s.ask("t STORE 2 +FLAGS (\\Seen)\r\n"))
                .isEqualTo("* 2 FETCH (FLAGS (\\Seen) MODSEQ (4))\r\nt OK STORE completed\r\n");
        assertThat(s.ask("c CREATE Outgoing (USE (\\Sent))\r\n")).isEqualTo("c OK CREATE completed\r\n");
        clock.advance(0);
        MaildirAccount again = MaildirAccount.open(root, new Clock());
        assertThat(again.mailbox("INBOX").highestModseq()).isEqualTo(4);
        assertThat(again.mailbox("INBOX").messages()).extracting(ImapMessage::modseq).containsExactly(2L, 4L);
        assertThat(again.specialUse("Outgoing")).containsExactly("\\Sent");
        assertThat(again.specialUse("Trash")).containsExactly("\\Trash");
    }
}
