package org.twisted4j.conch.sftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * OpenSSH's {@code sftp} client against our server over standard input and output ({@code sftp -D}, the way
 * it talks to a local {@code sftp-server}), with no SSH transport in between.
 */
class SftpInteropTest {

    private static final int BIG = 64 * 1024 * 1024;

    @TempDir
    Path temporary;

    Path root;
    Path local;

    @BeforeEach
    void directories() throws IOException {
        root = Files.createDirectory(temporary.resolve("root"));
        local = Files.createDirectory(temporary.resolve("local"));
        Files.writeString(temporary.resolve("secret"), "outside the root\n");
    }

    /** Runs a batch; returns what sftp printed (stdout and stderr). */
    private Result sftp(String... commands) throws IOException, InterruptedException {
        Path batch = temporary.resolve("batch");
        Files.write(batch, List.of(commands), UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String server = java + " -cp " + System.getProperty("java.class.path") + " "
                + SftpStdio.class.getName() + " " + root;
        Process process = new ProcessBuilder(Peer.SFTP.require().toString(), "-b", batch.toString(), "-D", server)
                .directory(local.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }

    @Test
    void putAndGetOf64MiBAreByteIdentical() throws Exception {
        byte[] data = new byte[BIG];
        new Random(16).nextBytes(data);
        Files.write(local.resolve("big.bin"), data);
        Result result = sftp("put big.bin", "get big.bin back.bin", "ls -l");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.mismatch(local.resolve("big.bin"), root.resolve("big.bin"))).isEqualTo(-1L);
        assertThat(Files.mismatch(local.resolve("big.bin"), local.resolve("back.bin"))).isEqualTo(-1L);
        assertThat(result.output()).containsPattern("-rw\\S+ +1 \\S+ +\\S+ +" + BIG + " .* big\\.bin");
    }

    @Test
    void treeCommandsChangeTheRoot() throws Exception {
        Files.writeString(local.resolve("a.txt"), "alpha\n");
        Result result = sftp("mkdir dir", "put a.txt dir/a.txt", "rename dir/a.txt dir/b.txt", "ln -s dir/b.txt link",
                "chmod 600 dir/b.txt", "ls -l dir", "get link via-link.txt", "rm link", "mkdir gone", "rmdir gone",
                "pwd", "df /");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(Files.readString(root.resolve("dir/b.txt"))).isEqualTo("alpha\n");
        assertThat(root.resolve("dir/a.txt")).doesNotExist();
        assertThat(root.resolve("link")).doesNotExist();
        assertThat(root.resolve("gone")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("dir/b.txt"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(local.resolve("via-link.txt"))).isEqualTo("alpha\n");
        assertThat(result.output()).contains("Remote working directory: /").containsPattern("-rw------- .* b\\.txt");
    }

    @Test
    void pathsOutOfTheRootAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), temporary.resolve("secret"));
        Result result = sftp("-get ../secret s1", "-get /../secret s2", "-get out s3", "-cd ..", "-ln -s ../../secret ln",
                "-put /etc/hostname ../escaped", "pwd");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(local.resolve("s1")).doesNotExist();
        assertThat(local.resolve("s2")).doesNotExist();
        assertThat(local.resolve("s3")).doesNotExist();
        assertThat(root.resolve("ln")).doesNotExist();
        assertThat(temporary.resolve("escaped")).doesNotExist();
        assertThat(result.output()).contains("Permission denied").contains("Remote working directory: /");
    }
}
