package org.twisted4j.conch.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link LocalFileSystem} with a home below its root, as {@link SftpStdio} serves another account: relative
 * paths and {@code ~} start at the home, absolute paths at the root.
 */
class LocalFileSystemTest {
    @TempDir
    Path root;

    @Test
    void relativePathsAndTildeStartAtTheHome() throws Exception {
        Path home = Files.createDirectories(root.resolve("home/alice"));
        Files.writeString(home.resolve("notes"), "alice's");
        Files.writeString(root.resolve("notes"), "the root's");
        LocalFileSystem fs = new LocalFileSystem(root, "/home/alice");

        assertThat(fs.realPath(".")).isEqualTo("/home/alice");
        assertThat(fs.realPath("")).isEqualTo("/home/alice");
        assertThat(fs.realPath("~")).isEqualTo("/home/alice");
        assertThat(fs.realPath("~/notes")).isEqualTo("/home/alice/notes");
        assertThat(fs.realPath("notes")).isEqualTo("/home/alice/notes");
        assertThat(fs.realPath("../..")).isEqualTo("/");
        assertThat(fs.realPath("/notes")).isEqualTo("/notes");
        assertThat(fs.getAttrs("notes", true).size()).isEqualTo(7L);
        assertThat(fs.getAttrs("/notes", true).size()).isEqualTo(10L);

        fs.makeDirectory("made", FileAttributes.EMPTY);
        assertThat(home.resolve("made")).isDirectory();
        fs.renameFile("notes", "/home/alice/made/notes", false);
        assertThat(home.resolve("made/notes")).hasContent("alice's");
    }

    @Test
    void withoutAHomeTheRootIsHome() throws Exception {
        LocalFileSystem fs = new LocalFileSystem(root);
        assertThat(fs.realPath(".")).isEqualTo("/");
        assertThat(fs.realPath("~/x")).isEqualTo("/x");
        assertThatThrownBy(() -> fs.realPath("..")).isInstanceOf(SftpException.class);
    }

    @Test
    void aHomeMustBeAbsoluteAndInsideTheRoot() {
        assertThatThrownBy(() -> new LocalFileSystem(root, "home")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalFileSystem(root, "/../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
