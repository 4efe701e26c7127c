package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.mail.smtp.MailAddress;

class RelayQueueTest {

    @TempDir
    Path dir;

    private static MailAddress a(String text) {
        return MailAddress.parsePath(text, true);
    }

    @Test
    void addedMessagesSurviveReopeningWithTheirEnvelopes() throws IOException {
        RelayQueue queue = RelayQueue.open(dir.resolve("q"));
        Envelope added = queue.add(a("<s@a.test>"), List.of(a("<r@b.test>"), a("<q@b.test>")), "hi\r\n".getBytes(UTF_8), 1000);
        assertThat(added.attempts()).isZero();
        assertThat(added.nextAttempt()).isEqualTo(1000);

        RelayQueue reopened = RelayQueue.open(dir.resolve("q"));
        assertThat(reopened.load()).containsExactly(added);
        assertThat(new String(reopened.read(added.id()), UTF_8)).isEqualTo("hi\r\n");
        try (var files = Files.list(dir.resolve("q"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(added.id() + ".msg",
                    added.id() + ".env");
        }
    }

    @Test
    void loadDropsWhatACrashLeftHalfWrittenAndSetsAsideBadEnvelopes() throws IOException {
        RelayQueue queue = RelayQueue.open(dir);
        Envelope kept = queue.add(a("<>"), List.of(a("<r@b.test>")), "x".getBytes(UTF_8), 5);
        Files.writeString(dir.resolve("orphan.msg"), "no envelope: its client never got a 250");
        Files.writeString(dir.resolve("half.msg.tmp"), "interrupted");
        Files.writeString(dir.resolve("half.env.tmp"), "interrupted");
        Files.writeString(dir.resolve("garbled.msg"), "x");
        Files.writeString(dir.resolve("garbled.env"), "not an envelope\n");

        assertThat(queue.load()).containsExactly(kept);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(kept.id() + ".msg",
                    kept.id() + ".env", "garbled.msg", "garbled.env.bad");
        }
    }

    @Test
    void updateRewritesTheEnvelopeAndRemoveDeletesBothFiles() throws IOException {
        RelayQueue queue = RelayQueue.open(dir);
        Envelope added = queue.add(a("<s@a.test>"), List.of(a("<r@b.test>"), a("<q@b.test>")), "x".getBytes(UTF_8), 5);
        Envelope retried = added.retried(List.of(a("<q@b.test>")), 305, "451 4.3.0 try later");
        queue.update(retried);
        assertThat(queue.load()).containsExactly(retried);
        assertThat(retried.attempts()).isEqualTo(1);

        queue.remove(added.id());
        assertThat(queue.load()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void envelopeRoundTripsAndRejectsBadFiles() {
        Envelope envelope = new Envelope("id-1", a("<\"odd local\"@a.test>"), List.of(a("<postmaster>"), a("<r@b.test>")),
                1, 2, 3, "421 line\r\nbreak");
        assertThat(envelope.lastError()).isEqualTo("421 line  break");
        assertThat(Envelope.parse("id-1", envelope.toBytes())).isEqualTo(envelope);

        for (String bad : List.of("", "twisted4j-relay-envelope 1\nfrom <>\n", "x\n",
                Envelope.MAGIC + "\nfrom <>\nto <>\ncreated 1\nattempts 0\nnext 1\n",
                Envelope.MAGIC + "\nfrom <>\nto <a@b>\ncreated 1\ncreated 2\nattempts 0\nnext 1\n",
                Envelope.MAGIC + "\nfrom <>\nto <a@b>\ncreated x\nattempts 0\nnext 1\n",
                Envelope.MAGIC + "\nfrom <>\nto <a@b>\ncreated 1\nattempts 0\nnext 1\nwhat 1\n")) {
            assertThatThrownBy(() -> Envelope.parse("id", bad.getBytes(UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Envelope("../x", a("<>"), List.of(a("<r@b.test>")), 0, 0, 0, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
