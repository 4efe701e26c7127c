package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the message reader with whole messages (seeds: every message captured from dnspython and Python
 * Twisted).
 *
 * <p>Invariants: {@link Message#parse} reports bad input only as {@link DnsFormatError}; what it reads is bounded
 * by the input (no more questions and records than the octets can hold); a message it reads writes back (or, if
 * decompressing made it longer than a message may be, says so), and what is written parses to the same message
 * and writes the same octets again; truncated to a smaller size it stays within that size, keeps a prefix of
 * every section, its question and its OPT record, and says TC when it dropped an answer or authority record.
 */
class MessageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseWriteParseIsStable(byte[] wire) {
        Message message;
        try {
            message = Message.parse(wire);
        } catch (DnsFormatError e) {
            return;
        }
        int entries = message.queries().size() + message.answers().size() + message.authority().size()
                + message.additional().size();
        assertThat(entries).isLessThanOrEqualTo((wire.length - Message.HEADER) / 5);

        byte[] written;
        try {
            written = message.toBytes();
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining("octets");
            return;
        }
        Message again = Message.parse(written);
        assertThat(again).isEqualTo(message);
        assertThat(again.toBytes()).isEqualTo(written);

        for (int size : new int[] {written.length - 1, written.length / 2, 512}) {
            truncated(message, size, written);
        }
    }

    private static void truncated(Message message, int size, byte[] whole) {
        int least = Message.HEADER + optLength(message);
        if (size < least) {
            assertThatThrownBy(() -> message.toBytes(size)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        byte[] cut = message.toBytes(size);
        assertThat(cut.length).isLessThanOrEqualTo(Math.min(size, whole.length));
        Message read = Message.parse(cut);
        prefix(read.queries(), message.queries());
        prefix(read.answers(), message.answers());
        prefix(read.authority(), message.authority());
        prefix(read.additional(), message.additional());
        assertThat(read.edns()).isEqualTo(message.edns());
        assertThat(read.rcode()).isEqualTo(message.rcode());
        boolean lostImportant = read.queries().size() < message.queries().size()
                || read.answers().size() < message.answers().size()
                || read.authority().size() < message.authority().size();
        assertThat(read.truncated()).isEqualTo(message.truncated() || lostImportant);
        if (size >= whole.length) {
            assertThat(cut).isEqualTo(whole);
        }
    }

    private static void prefix(java.util.List<?> part, java.util.List<?> whole) {
        assertThat(part.size()).isLessThanOrEqualTo(whole.size());
        assertThat(part).isEqualTo(whole.subList(0, part.size()));
    }

    private static int optLength(Message message) {
        if (message.edns() == null) {
            return 0;
        }
        return Message.builder().edns(message.edns()).rcode(message.rcode()).build().toBytes().length
                - Message.HEADER;
    }
}
