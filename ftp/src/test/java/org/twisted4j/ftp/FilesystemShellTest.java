package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;

class FilesystemShellTest {

    @TempDir
    Path dir;

    private static <T> T result(Deferred<T> d) {
        List<T> out = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        d.addCallbacks(v -> {
            out.add(v);
            return null;
        }, f -> {
            failed.add(f.value());
            return null;
        });
        assertThat(failed).isEmpty();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void ownerAndGroupNamesAreLookedUpOncePerIdNotPerFile() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        for (int i = 1; i <= 3; i++) {
            Files.write(small.resolve("f" + i + ".txt"), new byte[1000 + i]);
        }
        Files.setPosixFilePermissions(small.resolve("f2.txt"), PosixFilePermissions.fromString("rw-r-----"));
        FilesystemShell shell = new FilesystemShell(dir, EnumSet.of(FtpPermission.READ));
        PosixFileAttributes posix = Files.readAttributes(small.resolve("f1.txt"), PosixFileAttributes.class);
        assertThat(modeOf(small.resolve("f2.txt"))).isEqualTo(0640);

        for (int i = 1; i <= 3; i++) {
            FileInfo info = result(shell.stat(List.of("small", "f" + i + ".txt")));
            assertThat(info.size()).isEqualTo(1000 + i);
            assertThat(info.directory()).isFalse();
            assertThat(info.owner()).isEqualTo(posix.owner().getName());
            assertThat(info.group()).isEqualTo(posix.group().getName());
            assertThat(info.mode()).isEqualTo(modeOf(small.resolve("f" + i + ".txt")));
        }
        assertThat(result(shell.list(List.of("small")))).hasSize(3)
                .allSatisfy(info -> assertThat(info.owner()).isEqualTo(posix.owner().getName()));
        FileInfo directory = result(shell.stat(List.of("small")));
        assertThat(directory.directory()).isTrue();
        assertThat(directory.size()).isEqualTo(4096);
        assertThat(shell.nameLookups()).isEqualTo(1);
    }

    private static int modeOf(Path file) throws Exception {
        int mode = 0;
        for (var bit : Files.getPosixFilePermissions(file)) {
            mode |= 1 << (8 - bit.ordinal());
        }
        return mode;
    }

    @Test
    void aLinkInsideTheRootIsFollowedAndOneLeadingOutIsRefused() throws Exception {
        Path inner = Files.createDirectories(dir.resolve("root/real"));
        Files.writeString(inner.resolve("a.txt"), "inside\n");
        Files.writeString(dir.resolve("secret.txt"), "outside\n");
        Files.createSymbolicLink(dir.resolve("root/alias"), inner);
        Files.createSymbolicLink(dir.resolve("root/out"), dir);
        FilesystemShell shell = new FilesystemShell(dir.resolve("root"), EnumSet.allOf(FtpPermission.class));

        assertThat(result(shell.stat(List.of("alias", "a.txt"))).size()).isEqualTo(7);
        assertThat(result(shell.stat(List.of("real", "a.txt"))).size()).isEqualTo(7);
        List<Throwable> refused = new ArrayList<>();
        for (List<String> path : List.of(List.of("out", "secret.txt"), List.of("out", "new", "deeper.txt"))) {
            shell.stat(path).addErrback(f -> {
                refused.add(f.value());
                return null;
            });
            shell.openForWriting(path, FtpShell.WriteMode.REPLACE, 0).addErrback(f -> {
                refused.add(f.value());
                return null;
            });
        }
        assertThat(refused).hasSize(4).allSatisfy(e -> assertThat(((FtpError) e).replyCode()).isEqualTo(550));
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(Files.readString(dir.resolve("secret.txt"))).isEqualTo("outside\n");
    }

    @Test
    void anUploadIsCompleteWhenCloseFiresAndItsDescriptorIsClosedAfterwardsOffTheCaller() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd to see open descriptors");
        List<Runnable> closes = new ArrayList<>();
        FilesystemShell shell = new FilesystemShell(dir, EnumSet.allOf(FtpPermission.class), closes::add);
        Path upload = dir.toRealPath().resolve("up.bin");

        WriteFile file = result(shell.openForWriting(List.of("up.bin"), FtpShell.WriteMode.REPLACE, 0));
        result(file.write(ByteBuffer.wrap("uploaded\n".getBytes(UTF_8))));
        Deferred<?> closed = file.close();

        assertThat(closed.isCalled()).isTrue();
        assertThat(Files.readString(upload)).isEqualTo("uploaded\n");
        assertThat(openDescriptors(fds, upload)).isEqualTo(1);
        assertThat(closes).hasSize(1);
        closes.get(0).run();
        assertThat(openDescriptors(fds, upload)).isZero();
    }

    @Test
    void anAbortedUploadIsClosedAtOnce() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd to see open descriptors");
        List<Runnable> closes = new ArrayList<>();
        FilesystemShell shell = new FilesystemShell(dir, EnumSet.allOf(FtpPermission.class), closes::add);
        Path upload = dir.toRealPath().resolve("cut.bin");

        WriteFile file = result(shell.openForWriting(List.of("cut.bin"), FtpShell.WriteMode.REPLACE, 0));
        result(file.write(ByteBuffer.wrap("half".getBytes(UTF_8))));
        file.abort();

        assertThat(openDescriptors(fds, upload)).isZero();
        assertThat(closes).isEmpty();
        assertThat(Files.readString(upload)).isEqualTo("half");
    }

    private static long openDescriptors(Path fds, Path file) throws IOException {
        try (Stream<Path> links = Files.list(fds)) {
            return links.filter(link -> {
                try {
                    return Files.readSymbolicLink(link).equals(file);
                } catch (IOException e) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            }).count();
        }
    }
}
