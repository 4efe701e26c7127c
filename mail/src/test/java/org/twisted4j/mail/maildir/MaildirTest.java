package org.twisted4j.mail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirTest {

    @TempDir
    Path dir;

    @Test
    void deliverMovesTheMessageIntoNewUnderAUniqueName() throws IOException {
        Maildir box = Maildir.open(dir.resolve("bob"));
        Set<Path> stored = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            stored.add(box.deliver(("message " + i).getBytes()));
        }
        assertThat(stored).hasSize(50);
        try (var files = Files.list(dir.resolve("bob/new"))) {
            assertThat(files.count()).isEqualTo(50);
        }
        try (var files = Files.list(dir.resolve("bob/tmp"))) {
            assertThat(files.count()).isZero();
        }
        assertThat(Files.isDirectory(dir.resolve("bob/cur"))).isTrue();
        Path first = stored.iterator().next();
        assertThat(first.getFileName().toString()).matches("\\d+\\.M\\d+P\\d+Q\\d+\\..+");
        assertThat(new String(Files.readAllBytes(first))).startsWith("message ");
    }

    @Test
    void aFailedDeliveryLeavesNothingInNew() throws IOException {
        Maildir box = Maildir.open(dir.resolve("bob"));
        Files.delete(box.root().resolve("new"));
        Files.writeString(box.root().resolve("new"), "not a directory");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> box.deliver("x".getBytes()))
                .isInstanceOf(IOException.class);
        try (var files = Files.list(dir.resolve("bob/tmp"))) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void cleanTmpRemovesOnlyFilesOlderThan36Hours() throws IOException {
        Maildir box = Maildir.open(dir.resolve("bob"));
        Path old = box.root().resolve("tmp/old");
        Path fresh = box.root().resolve("tmp/fresh");
        Files.writeString(old, "partial");
        Files.writeString(fresh, "partial");
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Maildir.TMP_MAX_AGE).minus(Duration.ofMinutes(1))));
        assertThat(box.cleanTmp(now)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }
}
