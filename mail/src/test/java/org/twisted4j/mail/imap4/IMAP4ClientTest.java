package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.testing.StringTransport;

/** The IMAP client byte for byte on a StringTransport. */
class IMAP4ClientTest {

    private final StringTransport transport = new StringTransport();
    private final IMAP4Client client = new IMAP4Client();
    private final List<String> updates = new ArrayList<>();

    @BeforeEach
    void connect() {
        client.makeConnection(transport);
        client.setUpdates(new IMAP4Client.Updates() {
            @Override
            public void exists(long count) {
                updates.add("exists " + count);
            }

            @Override
            public void expunged(long seq) {
                updates.add("expunged " + seq);
            }

            @Override
            public void flagsChanged(long seq, Set<String> flags) {
                updates.add("flags " + seq + " " + flags);
            }
        });
    }

    private void receive(String text) {
        client.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private String sent() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    private static <T> T result(Deferred<T> d) {
        Object[] out = new Object[1];
        d.addCallbacks(v -> {
            out[0] = v;
            return null;
        }, f -> {
            out[0] = f.value();
            return null;
        });
        @SuppressWarnings("unchecked")
        T value = (T) out[0];
        return value;
    }

    @Test
    void commandsWaitForTheGreetingAndGoOneAtATime() {
        Deferred<Void> login = client.login("bob", "a b");
        Deferred<IMAP4Client.MailboxInfo> select = client.select("INBOX");
        assertThat(sent()).isEmpty();
        receive("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");
        assertThat(result(client.greeting())).containsExactly("IMAP4REV1", "IDLE");
        assertThat(sent()).isEqualTo("A1 LOGIN bob \"a b\"\r\n");
        receive("A1 OK [CAPABILITY IMAP4rev1 IDLE MOVE] done\r\n");
        assertThat(login.isCalled()).isTrue();
        assertThat(sent()).isEqualTo("A2 SELECT INBOX\r\n");
        receive("* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 9] n\r\n"
                + "* OK [HIGHESTMODSEQ 12] h\r\nA2 OK [READ-WRITE] selected\r\n");
        IMAP4Client.MailboxInfo info = result(select);
        assertThat(info.exists()).isEqualTo(3);
        assertThat(info.uidValidity()).isEqualTo(7);
        assertThat(info.uidNext()).isEqualTo(9);
        assertThat(info.highestModseq()).isEqualTo(12);
        assertThat(info.flags()).containsExactly("\\Seen", "\\Deleted");
        assertThat(result(client.getCapabilities())).contains("MOVE");
    }

    @Test
    void literalsWaitForTheContinuationWithoutLiteralPlus() {
        receive("* OK ready\r\n");
        Deferred<IMAP4Client.UidPlus> append = client.append("INBOX", "Subject: x\r\n\r\nhi\r\n".getBytes(UTF_8),
                List.of("\\Seen"), null);
        assertThat(sent()).isEqualTo("A1 APPEND INBOX (\\Seen) {18}\r\n");
        receive("+ go on\r\n");
        assertThat(sent()).isEqualTo("Subject: x\r\n\r\nhi\r\n\r\n");
        receive("A1 OK [APPENDUID 5 42] appended\r\n");
        assertThat(result(append)).isEqualTo(new IMAP4Client.UidPlus(5, "", "42"));
    }

    @Test
    void literalsGoAtOnceWithLiteralPlus() {
        receive("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
        client.append("INBOX", "hi\r\n".getBytes(UTF_8), List.of(), null);
        assertThat(sent()).isEqualTo("A1 APPEND INBOX () {4+}\r\nhi\r\n\r\n");
    }

    @Test
    void noAndBadFailWithTheResponse() {
        receive("* OK ready\r\n");
        Deferred<Void> create = client.create("x");
        receive("A1 NO [ALREADYEXISTS] exists\r\n");
        Object outcome = result(create.addCallback(v -> (Object) "no failure"));
        assertThat(outcome).isInstanceOfSatisfying(IMAP4Client.CommandFailed.class,
                e -> assertThat(e.response().codeName()).isEqualTo("ALREADYEXISTS"));
    }

    @Test
    void unsolicitedUpdatesReachTheCallbacksWhileIdling() {
        receive("* OK ready\r\n");
        IMAP4Client.Idle idle = client.idle();
        assertThat(sent()).isEqualTo("A1 IDLE\r\n");
        receive("+ idling\r\n");
        assertThat(idle.started().isCalled()).isTrue();
        receive("* 4 EXISTS\r\n* 2 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Seen) MODSEQ (9))\r\n");
        assertThat(updates).containsExactly("exists 4", "expunged 2", "flags 1 [\\Seen]");
        Deferred<Void> done = idle.done();
        assertThat(sent()).isEqualTo("DONE\r\n");
        receive("A1 OK idle done\r\n");
        assertThat(done.isCalled()).isTrue();
        assertThat(idle.ended().isCalled()).isTrue();
    }

    @Test
    void fetchReadsEveryItemAndStoreFlagsAreNotUpdates() {
        receive("* OK ready\r\n");
        Deferred<Map<Long, ImapFetched>> fetch = client.fetch("1", "(UID FLAGS BODY.PEEK[])", true);
        assertThat(sent()).isEqualTo("A1 UID FETCH 1 (UID FLAGS BODY.PEEK[])\r\n");
        receive("* 1 FETCH (UID 8 FLAGS (\\Seen) INTERNALDATE \" 7-Dec-2026 01:02:03 +0100\" BODY[] {4}\r\nhi\r\n)\r\n"
                + "A1 OK done\r\n");
        ImapFetched one = result(fetch).get(1L);
        assertThat(one.uid()).isEqualTo(8);
        assertThat(one.internalDate()).hasToString("2026-12-07T00:02:03Z");
        assertThat(new String(one.body("BODY[]"), UTF_8)).isEqualTo("hi\r\n");
        Deferred<Map<Long, Set<String>>> store = client.store("1", "+FLAGS", List.of("\\Flagged"), false);
        receive("* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\nA2 OK done\r\n");
        assertThat(result(store)).containsEntry(1L, Set.of("\\Seen", "\\Flagged"));
        assertThat(updates).isEmpty();
    }
}
