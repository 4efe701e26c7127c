package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes the POP3 command parser and state machine ({@link Pop3Server}) over an in-memory mailbox.
 *
 * <p>Invariants: whatever bytes a client sends, logged in or not, however they are split into packets, nothing
 * escapes and no command ends in the server-error answer (an exception caught inside), the answers are the same,
 * the output is whole CRLF lines, each single-line answer {@code +OK} or {@code -ERR}, and the mailbox is synced
 * at most once.
 */
class Pop3ServerFuzzTest {

    /** Three messages in memory; records the syncs. */
    static final class MemoryMailbox implements Mailbox {
        final List<byte[]> messages = new ArrayList<>(List.of("Subject: a\r\n\r\nbody\r\n.dot\r\n".getBytes(ISO_8859_1),
                "no headers\n".getBytes(ISO_8859_1), "Subject: c\r\n\r\n".getBytes(ISO_8859_1)));
        final boolean[] deleted = new boolean[messages.size()];
        int syncs;

        @Override
        public List<Long> listMessages() {
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                sizes.add(deleted[i] ? 0L : messages.get(i).length);
            }
            return sizes;
        }

        @Override
        public byte[] getMessage(int index) {
            return messages.get(index).clone();
        }

        @Override
        public String getUidl(int index) {
            return "uid" + index;
        }

        @Override
        public void deleteMessage(int index) {
            deleted[index] = true;
        }

        @Override
        public void undeleteMessages() {
            java.util.Arrays.fill(deleted, false);
        }

        @Override
        public void sync() {
            syncs++;
        }
    }

    @FuzzTest
    void serverAnswersAnyBytesTheSameHoweverSplit(FuzzedDataProvider data) {
        boolean loggedIn = data.consumeBoolean();
        int cut1 = data.consumeInt(0, 1024);
        int cut2 = data.consumeInt(0, 1024);
        byte[] input = data.consumeRemainingAsBytes();
        byte[] bytes = input;
        if (loggedIn) {
            byte[] prefix = "USER bob\r\nPASS secret\r\n".getBytes(ISO_8859_1);
            bytes = new byte[prefix.length + input.length];
            System.arraycopy(prefix, 0, bytes, 0, prefix.length);
            System.arraycopy(input, 0, bytes, prefix.length, input.length);
        }
        String whole = run(bytes, bytes.length, bytes.length);
        String split = run(bytes, Math.min(cut1, bytes.length), Math.min(Math.max(cut1, cut2), bytes.length));
        assertThat(split).isEqualTo(whole);
    }

    private static String run(byte[] bytes, int cut1, int cut2) {
        MemoryMailbox box = new MemoryMailbox();
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(
                new LoginResult(Mailbox.class, box, LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("bob", "secret")));
        Clock clock = new Clock();
        Pop3Server server = (Pop3Server) new Pop3ServerFactory(clock, portal).buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        server.dataReceived(ByteBuffer.wrap(bytes, 0, cut1));
        server.dataReceived(ByteBuffer.wrap(bytes, cut1, cut2 - cut1));
        server.dataReceived(ByteBuffer.wrap(bytes, cut2, bytes.length - cut2));
        String out = transport.valueAsString(ISO_8859_1).replace(server.challenge(), "<challenge>");
        assertThat(out).endsWith("\r\n").doesNotContain("-ERR Server error");
        assertThat(box.syncs).isLessThanOrEqualTo(1);
        assertThat(out.split("\r\n", -1)[0]).startsWith("+OK ");
        return out;
    }
}
