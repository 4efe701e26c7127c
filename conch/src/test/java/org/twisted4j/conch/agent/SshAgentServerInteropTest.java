package org.twisted4j.conch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The agent server against OpenSSH's tools: {@code ssh-add} adds keys made by {@code ssh-keygen}, lists, deletes,
 * locks and unlocks them; {@code ssh} logs in to {@code sshd} with a key only the agent holds.
 */
@ExtendWith(TrialExtension.class)
class SshAgentServerInteropTest {

    static final Peer SSH_ADD = Peer.command("ssh-add", "openssh-client");

    @TempDir
    Path dir;

    private Path keygen(NioReactor reactor, String name, String... options) throws Exception {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-N", "",
                "-C", name, "-f", key.toString()));
        command.addAll(List.of(options));
        assertThat(CommandRun.run(reactor, Map.of(), command).status()).isZero();
        return key;
    }

    private static String fingerprint(Path keyFile) throws Exception {
        return Key.fromFile(Path.of(keyFile + ".pub"), null).fingerprintSha256();
    }

    @Test
    void sshAddAddsListsDeletesLocksAndUnlocks(NioReactor reactor) throws Exception {
        String sshAdd = SSH_ADD.require().toString();
        Path socket = dir.resolve("agent.sock");
        AgentKeyring keyring = new AgentKeyring();
        ListeningPort port = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
        try {
            Path ed25519 = keygen(reactor, "id_ed25519", "-t", "ed25519");
            Path ecdsa = keygen(reactor, "id_ecdsa", "-t", "ecdsa", "-b", "256");
            Path rsa = keygen(reactor, "id_rsa", "-t", "rsa", "-b", "2048");
            Path askpass = dir.resolve("askpass");
            Files.writeString(askpass, "#!/bin/sh\necho lock-secret\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString(), "SSH_ASKPASS", askpass.toString(),
                    "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0");

            CommandRun added = CommandRun.run(reactor, env, List.of(sshAdd, ed25519.toString(), ecdsa.toString(), rsa.toString()));
            assertThat(added.status()).as(added.output()).isZero();
            assertThat(keyring.identities()).extracting(AgentIdentity::comment)
                    .containsExactly("id_ed25519", "id_ecdsa", "id_rsa");

            CommandRun listed = CommandRun.run(reactor, env, List.of(sshAdd, "-l"));
            assertThat(listed.status()).as(listed.output()).isZero();
            assertThat(listed.output()).contains(fingerprint(ed25519) + " id_ed25519 (ED25519)",
                    fingerprint(ecdsa) + " id_ecdsa (ECDSA)", fingerprint(rsa) + " id_rsa (RSA)");
            CommandRun publicLines = CommandRun.run(reactor, env, List.of(sshAdd, "-L"));
            assertThat(publicLines.output()).contains(Files.readString(Path.of(ed25519 + ".pub")).strip());

            CommandRun deleted = CommandRun.run(reactor, env, List.of(sshAdd, "-d", ecdsa.toString()));
            assertThat(deleted.status()).as(deleted.output()).isZero();
            assertThat(keyring.identities()).extracting(AgentIdentity::comment)
                    .containsExactly("id_ed25519", "id_rsa");

            CommandRun locked = CommandRun.run(reactor, env, List.of(sshAdd, "-x"));
            assertThat(locked.status()).as(locked.output()).isZero();
            assertThat(keyring.isLocked()).isTrue();
            CommandRun whileLocked = CommandRun.run(reactor, env, List.of(sshAdd, "-l"));
            assertThat(whileLocked.status()).isOne();
            assertThat(whileLocked.output()).contains("no identities");
            CommandRun unlocked = CommandRun.run(reactor, env, List.of(sshAdd, "-X"));
            assertThat(unlocked.status()).as(unlocked.output()).isZero();
            assertThat(CommandRun.run(reactor, env, List.of(sshAdd, "-l")).output()).contains(fingerprint(rsa));

            CommandRun constrained = CommandRun.run(reactor, env, List.of(sshAdd, "-t", "60", ecdsa.toString()));
            assertThat(constrained.status()).isNotZero();

            CommandRun all = CommandRun.run(reactor, env, List.of(sshAdd, "-D"));
            assertThat(all.status()).as(all.output()).isZero();
            assertThat(keyring.identities()).isEmpty();
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void sshLogsInWithAKeyOnlyTheAgentHolds(NioReactor reactor) throws Exception {
        String ssh = Peer.SSH.require().toString();
        SshClientInteropTest.Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        Path socket = dir.resolve("agent.sock");
        AgentKeyring keyring = new AgentKeyring();
        ListeningPort port = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
        String log;
        try {
            Path rsa = dir.resolve("id_rsa");
            keyring.add(Key.fromFile(rsa, null), "id_rsa");
            Files.delete(rsa);
            Files.delete(sshd.userKey());
            CommandRun login = CommandRun.run(reactor, Map.of("SSH_AUTH_SOCK", socket.toString()), List.of(ssh, "-F", "/dev/null",
                    "-p", String.valueOf(sshd.port()), "-o", "StrictHostKeyChecking=no", "-o",
                    "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentityFile=" + rsa,
                    System.getProperty("user.name") + "@127.0.0.1", "echo logged in"));
            assertThat(login.status()).as(login.output()).isZero();
            assertThat(login.output()).contains("logged in");
        } finally {
            Coroutine.await(port.stopListening());
            log = sshd.server().stop(reactor);
        }
        assertThat(log).contains("Accepted publickey for " + System.getProperty("user.name"))
                .containsPattern("RSA SHA256:");
    }
}
