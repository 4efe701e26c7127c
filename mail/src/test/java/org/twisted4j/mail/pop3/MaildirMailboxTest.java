package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.mail.maildir.Maildir;

class MaildirMailboxTest {

    @TempDir Path dir;

    @Test
    void aMissingMaildirIsEmpty() throws Exception {
        assertThat(MaildirMailbox.open(dir.resolve("nobody")).listMessages()).isEmpty();
    }

    @Test
    void readsNewAndCurByNameAndDeletesOnlyAtSync() throws Exception {
        Maildir maildir = Maildir.open(dir);
        Path fresh = maildir.deliver("new one\r\n".getBytes(US_ASCII));
        Path seen = Files.writeString(dir.resolve("cur").resolve("1.seen.host:2,S"), "seen\r\n");
        MaildirMailbox box = MaildirMailbox.open(dir);
        assertThat(box.listMessages()).containsExactly(6L, 9L);
        assertThat(box.getUidl(0)).isEqualTo("1.seen.host");
        assertThat(box.getUidl(1)).isEqualTo(fresh.getFileName().toString());
        assertThat(new String(box.getMessage(1), US_ASCII)).isEqualTo("new one\r\n");
        box.deleteMessage(0);
        assertThat(box.listMessages()).containsExactly(0L, 9L);
        box.undeleteMessages();
        box.deleteMessage(0);
        assertThat(Files.exists(seen)).isTrue();
        box.sync();
        assertThat(Files.exists(seen)).isFalse();
        assertThat(Files.exists(fresh)).isTrue();
    }
}
