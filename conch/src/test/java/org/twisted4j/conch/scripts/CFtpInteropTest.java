package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.client.SshClientInteropTest.Sshd;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

/**
 * {@code cftp} (run as its own JVM, as {@code bin/cftp} runs it) with batch files against Debian's OpenSSH
 * {@code sshd} and its {@code sftp-server}, started for each test: 256 MiB got and put back byte-identical, every
 * command on a directory tree, and a failing command ending the batch with status 1 unless marked with {@code -}.
 */
@ExtendWith(TrialExtension.class)
class CFtpInteropTest {

    @TempDir
    Path dir;

    /** Runs cftp with the batch lines; returns its output and exit status. */
    private String[] cftp(NioReactor reactor, Sshd sshd, String target, String... batch) throws Exception {
        Path known = Files.writeString(dir.resolve("known_hosts"), sshd.knownLine());
        Path file = Files.writeString(dir.resolve("batch"), String.join("\n", batch) + "\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), CFtp.class.getName(), "-a", "-i",
                sshd.userKey().toString(), "-p", String.valueOf(sshd.port()), "--known-hosts", known.toString(),
                "-b", file.toString(), target));
        return Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.flush();
            }
            String out = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cftp did not end:\n" + out);
            }
            return new String[] {out, String.valueOf(process.exitValue())};
        }));
    }

    private static void randomFile(Path file, long size) throws Exception {
        Random random = new Random(17);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    @Test
    void aBatchGetsAndPutsQuarterOfAGibibyteByteIdentical(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        try {
            Path remote = Files.createDirectory(dir.resolve("remote"));
            Path local = Files.createDirectory(dir.resolve("local"));
            Coroutine.await(reactor.deferToThread(() -> {
                randomFile(remote.resolve("big.bin"), 256L << 20);
                return null;
            }));
            String[] result = cftp(reactor, sshd, "127.0.0.1:" + remote, "lcd " + local, "get big.bin",
                    "put big.bin back.bin", "exit");
            assertThat(result[1]).as(result[0]).isEqualTo("0");
            assertThat(result[0]).contains("Transferred " + remote.resolve("big.bin") + " to "
                    + local.resolve("big.bin"), "Transferred " + local.resolve("big.bin") + " to "
                    + remote.resolve("back.bin"));
            assertThat(Files.mismatch(remote.resolve("big.bin"), local.resolve("big.bin"))).isEqualTo(-1);
            assertThat(Files.mismatch(remote.resolve("big.bin"), remote.resolve("back.bin"))).isEqualTo(-1);
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void everyCommandWorksOnADirectoryTree(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        try {
            Path remote = Files.createDirectory(dir.resolve("remote"));
            Path local = Files.createDirectory(dir.resolve("local"));
            Files.writeString(remote.resolve("a.txt"), "alpha\n");
            Files.writeString(remote.resolve("b.txt"), "beta\n");
            Files.writeString(remote.resolve(".hidden"), "");
            Files.writeString(local.resolve("up.txt"), "upload\n");
            String[] result = cftp(reactor, sshd, "127.0.0.1", "cd " + remote, "pwd", "ls", "ls -a", "ls -l a.txt",
                    "lcd " + local, "lpwd", "get *.txt", "put up.txt", "mkdir sub", "rename up.txt sub/moved.txt",
                    "ls sub", "chmod 600 sub/moved.txt", "ln link a.txt", "ls *.txt", "lmkdir made", "lls",
                    "rm link", "version", "!echo from-the-shell", "exit", "pwd");
            String out = result[0];
            assertThat(result[1]).as(out).isEqualTo("0");
            assertThat(out).contains("cftp> pwd\n" + remote + "\n", "cftp> ls\na.txt\nb.txt\ncftp>",
                    "cftp> ls -a\n.\n..\n.hidden\na.txt\nb.txt\n", "cftp> lpwd\n" + local + "\n",
                    "cftp> ls sub\nmoved.txt\n", "cftp> ls *.txt\na.txt\nb.txt\n", "SFTP version 3",
                    "from-the-shell\n");
            assertThat(out).containsPattern("ls -l a.txt\n-rw-r--r-- .* a.txt\n");
            assertThat(out).endsWith("cftp> exit\n");
            assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("alpha\n");
            assertThat(Files.readString(local.resolve("b.txt"))).isEqualTo("beta\n");
            assertThat(Files.readString(remote.resolve("sub/moved.txt"))).isEqualTo("upload\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remote.resolve("sub/moved.txt"))))
                    .isEqualTo("rw-------");
            assertThat(Files.exists(remote.resolve("link"))).isFalse();
            assertThat(Files.isDirectory(local.resolve("made"))).isTrue();
            assertThat(out).contains("cftp> lls\na.txt\nb.txt\nmade\nup.txt\n");
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void aFailingCommandEndsTheBatchUnlessMarked(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        try {
            Path remote = Files.createDirectory(dir.resolve("remote"));
            String[] ignored = cftp(reactor, sshd, "127.0.0.1:" + remote, "-rm missing", "mkdir made");
            assertThat(ignored[1]).as(ignored[0]).isEqualTo("0");
            assertThat(ignored[0]).contains("remote error 2: ");
            assertThat(Files.isDirectory(remote.resolve("made"))).isTrue();
            String[] failed = cftp(reactor, sshd, "127.0.0.1:" + remote, "rm missing", "mkdir never");
            assertThat(failed[1]).as(failed[0]).isEqualTo("1");
            assertThat(Files.exists(remote.resolve("never"))).isFalse();
        } finally {
            sshd.server().stop(reactor);
        }
    }
}
