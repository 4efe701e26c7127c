package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.AuthorizedKey;
import org.twisted4j.cred.AuthorizedKeys;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The {@code sftp} subsystem over the SSH server, against OpenSSH's {@code sftp -b} and {@code scp -s} with a key
 * made by ssh-keygen: a 64 MiB put and get byte-identical (through the channel windows both ways), tree commands,
 * and paths escaping the user's root refused.
 */
@ExtendWith(TrialExtension.class)
class SftpSubsystemInteropTest {

    private static final int BIG = 64 * 1024 * 1024;

    @TempDir
    Path dir;

    private Path root;
    private Path local;
    private Path key;

    @BeforeEach
    void directories() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        local = Files.createDirectory(dir.resolve("local"));
        Files.writeString(dir.resolve("secret"), "outside the root\n");
        key = dir.resolve("id_ed25519");
    }

    private ListeningPort serve(NioReactor reactor) throws Exception {
        Run keygen = SshInteropTest.run(reactor, List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-t", "ed25519",
                "-N", "", "-f", key.toString()), null);
        assertThat(keygen.exitCode()).as(keygen.errors()).isZero();
        AuthorizedKey authorized = AuthorizedKeys.parseLine(Files.readString(dir.resolve("id_ed25519.pub")));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, root, false), LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")),
                new SSHPublicKeyChecker(user -> user.equals("alice") ? List.of(authorized) : List.of()));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
                portal);
        SftpSubsystem.register(factory.subsystems(), reactor, user -> ((ProcessUser) user).home());
        return reactor.listenTCP(0, factory, 50, "127.0.0.1");
    }

    private List<String> options(ListeningPort port) {
        return List.of("-F", "/dev/null", "-P", String.valueOf(((IPv4Address) port.getHost()).port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityFile=" + key, "-o", "BatchMode=yes", "-o", "ConnectTimeout=20");
    }

    private Run sftp(NioReactor reactor, ListeningPort port, String... commands) throws Exception {
        Path batch = dir.resolve("batch");
        List<String> lines = new ArrayList<>(List.of("lcd " + local));
        lines.addAll(List.of(commands));
        Files.write(batch, lines, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Peer.SFTP.require().toString(), "-b", batch.toString()));
        command.addAll(options(port));
        command.add("alice@127.0.0.1");
        return SshInteropTest.run(reactor, command, null);
    }

    private Run scp(NioReactor reactor, ListeningPort port, String from, String to) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.SCP.require().toString(), "-s", "-q"));
        command.addAll(options(port));
        command.add(from);
        command.add(to);
        return SshInteropTest.run(reactor, command, null);
    }

    @Test
    void putAndGetOf64MiBAreByteIdentical(NioReactor reactor) throws Exception {
        byte[] data = new byte[BIG];
        new Random(27).nextBytes(data);
        Files.write(local.resolve("big.bin"), data);
        ListeningPort port = serve(reactor);
        try {
            Run run = sftp(reactor, port, "put big.bin", "get big.bin back.bin", "ls -l");
            assertThat(run.exitCode()).as(run.output() + run.errors()).isZero();
            assertThat(Files.mismatch(local.resolve("big.bin"), root.resolve("big.bin"))).isEqualTo(-1L);
            assertThat(Files.mismatch(local.resolve("big.bin"), local.resolve("back.bin"))).isEqualTo(-1L);
            assertThat(run.output()).containsPattern("-rw\\S+ +1 \\S+ +\\S+ +" + BIG + " .* big\\.bin");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void treeCommandsChangeTheUsersRoot(NioReactor reactor) throws Exception {
        Files.writeString(local.resolve("a.txt"), "alpha\n");
        ListeningPort port = serve(reactor);
        try {
            Run run = sftp(reactor, port, "mkdir dir", "put a.txt dir/a.txt", "rename dir/a.txt dir/b.txt",
                    "ln -s dir/b.txt link", "chmod 600 dir/b.txt", "ls -l dir", "get link via-link.txt", "rm link",
                    "mkdir gone", "rmdir gone", "pwd");
            assertThat(run.exitCode()).as(run.output() + run.errors()).isZero();
            assertThat(Files.readString(root.resolve("dir/b.txt"))).isEqualTo("alpha\n");
            assertThat(root.resolve("dir/a.txt")).doesNotExist();
            assertThat(root.resolve("link")).doesNotExist();
            assertThat(root.resolve("gone")).doesNotExist();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("dir/b.txt"))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(local.resolve("via-link.txt"))).isEqualTo("alpha\n");
            assertThat(run.output()).contains("Remote working directory: /").containsPattern("-rw------- .* b\\.txt");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void pathsOutOfTheRootAreRefused(NioReactor reactor) throws Exception {
        Files.createSymbolicLink(root.resolve("out"), dir.resolve("secret"));
        ListeningPort port = serve(reactor);
        try {
            Run run = sftp(reactor, port, "-get ../secret s1", "-get /../secret s2", "-get out s3",
                    "-ln -s ../../secret ln", "-put /etc/hostname ../escaped", "pwd");
            assertThat(run.exitCode()).as(run.output() + run.errors()).isZero();
            assertThat(local.resolve("s1")).doesNotExist();
            assertThat(local.resolve("s2")).doesNotExist();
            assertThat(local.resolve("s3")).doesNotExist();
            assertThat(root.resolve("ln")).doesNotExist();
            assertThat(dir.resolve("escaped")).doesNotExist();
            assertThat(run.output() + run.errors()).contains("Permission denied");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void scpOverSftpCopiesBothWays(NioReactor reactor) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(4).nextBytes(data);
        Files.write(local.resolve("up.bin"), data);
        ListeningPort port = serve(reactor);
        try {
            Run up = scp(reactor, port, local.resolve("up.bin").toString(), "alice@127.0.0.1:up.bin");
            assertThat(up.exitCode()).as(up.errors()).isZero();
            assertThat(Files.mismatch(local.resolve("up.bin"), root.resolve("up.bin"))).isEqualTo(-1L);
            Run down = scp(reactor, port, "alice@127.0.0.1:up.bin", local.resolve("down.bin").toString());
            assertThat(down.exitCode()).as(down.errors()).isZero();
            assertThat(Files.mismatch(local.resolve("up.bin"), local.resolve("down.bin"))).isEqualTo(-1L);
            Run escape = scp(reactor, port, "alice@127.0.0.1:../secret", local.resolve("s").toString());
            assertThat(escape.exitCode()).isNotZero();
            assertThat(local.resolve("s")).doesNotExist();
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
