package org.twisted4j.conch.sftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** Python's paramiko {@code SFTPClient} over a plain loopback socket to our server (no SSH in between). */
@ExtendWith(TrialExtension.class)
class SftpParamikoInteropTest {

    @TempDir
    Path temporary;

    @Test
    void paramikoWorksTheTreeAndIsKeptInsideTheRoot(NioReactor reactor) throws Exception {
        Path python = Peer.PARAMIKO.require();
        Path root = Files.createDirectory(temporary.resolve("root"));
        Path local = Files.createDirectory(temporary.resolve("local"));
        Files.writeString(temporary.resolve("outside.txt"), "outside\n");
        byte[] upload = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(upload);
        Files.write(local.resolve("upload.bin"), upload);
        Path script = temporary.resolve("paramiko_client.py");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("paramiko_client.py"))) {
            Files.copy(in, script);
        }
        LocalFileSystem fileSystem = new LocalFileSystem(root);
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> new SftpServer(reactor, fileSystem)), 50,
                "127.0.0.1");
        int number = ((IPv4Address) port.getHost()).port();
        String output;
        try {
            output = Coroutine.await(reactor.deferToThread(() -> run(python.toString(), script.toString(),
                    Integer.toString(number), local.toString())));
        } finally {
            Coroutine.await(port.stopListening());
        }
        assertThat(output).contains("cwd /\n", "size " + upload.length + "\n", "read written by paramiko\n",
                "readlink final.txt\n", "lstat-link True\n", "mode 0o640\n", "listdir final.txt,link,upload.bin\n",
                "refused ../outside.txt\n", "refused /../outside.txt\n", "refused dir/../../outside.txt\n",
                "missing refused\n").endsWith("done\n").doesNotContain("escaped");
        assertThat(Files.mismatch(local.resolve("upload.bin"), root.resolve("dir/upload.bin"))).isEqualTo(-1L);
        assertThat(Files.mismatch(local.resolve("upload.bin"), local.resolve("download.bin"))).isEqualTo(-1L);
        assertThat(Files.readString(root.resolve("dir/final.txt"))).isEqualTo("written by paramiko\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("dir/final.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(root.resolve("dir/link")).doesNotExist();
        assertThat(root.resolve("empty")).doesNotExist();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
