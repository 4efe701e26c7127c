package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class path entries other accounts cannot reach are copied where they can; others are used where they are. */
class SharedClassPathTest {
    @TempDir
    Path dir;

    @Test
    void aJarInAPrivateDirectoryIsCopiedOnce() throws Exception {
        Path hidden = Files.createDirectory(dir.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path jar = Files.writeString(hidden.resolve("lib.jar"), "classes");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SharedClassPath.readableByOthers(jar)).isFalse();

        Path copy = SharedClassPath.readableByAll(jar);
        assertThat(copy).isNotEqualTo(jar).hasContent("classes");
        assertThat(SharedClassPath.readableByOthers(copy)).isTrue();
        assertThat(SharedClassPath.readableByAll(jar)).isEqualTo(copy);
    }

    @Test
    void aDirectoryOfClassesIsCopiedWhole() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/org/example"));
        Files.writeString(classes.resolve("A.class"), "a");
        Path copy = SharedClassPath.readableByAll(dir.resolve("classes"));
        assertThat(copy.resolve("org/example/A.class")).hasContent("a");
        assertThat(SharedClassPath.readableByOthers(copy.resolve("org/example/A.class"))).isTrue();
    }

    @Test
    void whatEveryoneReadsStaysWhereItIs() throws Exception {
        Path open = Path.of(System.getProperty("java.home"), "release");
        assertThat(SharedClassPath.readableByOthers(open)).isTrue();
        assertThat(SharedClassPath.readableByAll(open)).isEqualTo(open);
    }
}
