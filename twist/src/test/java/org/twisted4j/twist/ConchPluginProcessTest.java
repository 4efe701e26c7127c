package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twist conch} as a separate JVM with in-memory users and {@code --root}: OpenSSH's {@code ssh} runs a
 * command and {@code sftp} puts and gets a file, both logging in with a password through {@code sshpass}; the host
 * keys are generated in {@code --data} and the same ones served after a restart.
 */
class ConchPluginProcessTest {

    @TempDir
    Path dir;

    private Path data;
    private Path root;
    private Path local;
    private ChildJvm conch;

    @BeforeEach
    void directories() throws Exception {
        data = dir.resolve("data");
        root = Files.createDirectory(dir.resolve("root"));
        local = Files.createDirectory(dir.resolve("local"));
    }

    @AfterEach
    void stop() throws Exception {
        if (conch != null) {
            conch.terminate();
            conch.waitFor();
        }
    }

    private int start(String... more) throws Exception {
        List<String> withRoot = new ArrayList<>(List.of("--root", root.toString()));
        withRoot.addAll(List.of(more));
        return startWith(withRoot.toArray(String[]::new));
    }

    private int startWith(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("conch", "--port", "tcp:0:interface=127.0.0.1", "--data",
                data.toString(), "--auth", "memory:alice:wonderland"));
        args.addAll(List.of(more));
        conch = ChildJvm.start(Twist.class, dir, args.toArray(String[]::new));
        return TwistProcessTest.port(conch.awaitLine(line -> line.contains("listening on")));
    }

    private static List<String> client(Peer program, String portFlag, int port) {
        return new ArrayList<>(List.of(Peer.SSHPASS.require().toString(), "-p", "wonderland",
                program.require().toString(), "-F", "/dev/null", portFlag, String.valueOf(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + "/dev/null",
                "-o", "PubkeyAuthentication=no", "-o", "ConnectTimeout=20"));
    }

    private record Ran(int exit, String output) {
    }

    private Ran run(List<String> command, Path input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(local.toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Ran(process.exitValue(), output);
    }

    private static String fingerprints(String log) {
        return log.lines().filter(line -> line.contains("host key SHA256:")).map(line ->
                line.substring(line.indexOf("SHA256:"))).sorted().reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void sshExecAndSftpPutGetWithMemoryUsersInTheRoot() throws Exception {
        int port = start();
        List<String> ssh = client(Peer.SSH, "-p", port);
        ssh.addAll(List.of("alice@127.0.0.1", "pwd; echo made > made-by-exec.txt; whoami >/dev/null; exit 4"));
        Ran exec = run(ssh, null);
        assertThat(exec.exit()).as(exec.output()).isEqualTo(4);
        assertThat(exec.output()).contains(root.toRealPath().toString());
        assertThat(Files.readString(root.resolve("made-by-exec.txt"))).isEqualTo("made\n");

        byte[] bytes = new byte[5 * 1024 * 1024 + 3];
        new Random(27).nextBytes(bytes);
        Files.write(local.resolve("up.bin"), bytes);
        Path batch = Files.writeString(dir.resolve("batch"), "put up.bin\nget up.bin down.bin\nmkdir d\nls\n");
        List<String> sftp = client(Peer.SFTP, "-P", port);
        sftp.add("alice@127.0.0.1");
        Ran transfer = run(sftp, batch);
        assertThat(transfer.exit()).as(transfer.output()).isZero();
        assertThat(Files.mismatch(local.resolve("up.bin"), root.resolve("up.bin"))).isEqualTo(-1L);
        assertThat(Files.mismatch(local.resolve("up.bin"), local.resolve("down.bin"))).isEqualTo(-1L);
        assertThat(root.resolve("d")).isDirectory();
    }

    @Test
    void hostKeysAreMadeInTheDataDirectoryAndReusedOnRestart() throws Exception {
        start();
        assertThat(data.resolve("ssh_host_ed25519_key")).isRegularFile();
        assertThat(data.resolve("ssh_host_ecdsa_key.pub")).isRegularFile();
        assertThat(data.resolve("ssh_host_rsa_key")).isRegularFile();
        byte[] ed25519 = Files.readAllBytes(data.resolve("ssh_host_ed25519_key"));
        conch.terminate();
        conch.waitFor();
        String first = fingerprints(conch.out() + conch.err());
        assertThat(first.lines()).hasSize(3);

        int port = start();
        assertThat(Files.readAllBytes(data.resolve("ssh_host_ed25519_key"))).isEqualTo(ed25519);
        Path knownHosts = dir.resolve("known_hosts");
        Ran keyscan = run(List.of(Peer.SSH_KEYGEN.require().toString(), "-l", "-f",
                data.resolve("ssh_host_ed25519_key.pub").toString()), null);
        assertThat(first).contains(keyscan.output().split(" ")[1]);
        List<String> ssh = client(Peer.SSH, "-p", port);
        ssh.set(ssh.indexOf("UserKnownHostsFile=/dev/null"), "UserKnownHostsFile=" + knownHosts);
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " "
                + Files.readString(data.resolve("ssh_host_ed25519_key.pub")));
        ssh.set(ssh.indexOf("StrictHostKeyChecking=no"), "StrictHostKeyChecking=yes");
        ssh.addAll(List.of("-o", "HostKeyAlgorithms=ssh-ed25519", "alice@127.0.0.1", "true"));
        Ran exec = run(ssh, null);
        assertThat(exec.exit()).as("the restarted server still has the first key: " + exec.output()).isZero();
        conch.terminate();
        conch.waitFor();
        assertThat(fingerprints(conch.out() + conch.err())).isEqualTo(first);
        conch = null;
    }

    @Test
    void withoutRootOtherUsersThanTheServersOwnAreRefused() throws Exception {
        assertThat(System.getProperty("user.name")).isNotEqualTo("alice");
        int port = startWith();
        List<String> ssh = client(Peer.SSH, "-p", port);
        ssh.addAll(List.of("alice@127.0.0.1", "echo should-not-run"));
        Ran exec = run(ssh, null);
        assertThat(exec.exit()).as("sshpass: 5 when asked for the password again " + exec.output()).isEqualTo(5);
        assertThat(exec.output()).doesNotContain("should-not-run");
        conch.terminate();
        conch.waitFor();
        assertThat(conch.out() + conch.err()).contains("alice refused: without --root");
        conch = null;
    }

    @Test
    void noShellRefusesCommandsButServesSftp() throws Exception {
        int port = start("--no-shell");
        List<String> ssh = client(Peer.SSH, "-p", port);
        ssh.addAll(List.of("alice@127.0.0.1", "echo should-not-run"));
        Ran exec = run(ssh, null);
        assertThat(exec.exit()).as(exec.output()).isNotZero();
        assertThat(exec.output()).doesNotContain("should-not-run\n");
        Files.writeString(local.resolve("a.txt"), "alpha\n");
        Path batch = Files.writeString(dir.resolve("batch"), "put a.txt\n");
        List<String> sftp = client(Peer.SFTP, "-P", port);
        sftp.add("alice@127.0.0.1");
        Ran transfer = run(sftp, batch);
        assertThat(transfer.exit()).as(transfer.output()).isZero();
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("alpha\n");
    }
}
