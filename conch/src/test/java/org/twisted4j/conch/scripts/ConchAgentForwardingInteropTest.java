package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.agent.AgentKeyring;
import org.twisted4j.conch.agent.SshAgentServer;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.client.SshClientInteropTest.Sshd;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** {@code conch -A} (run as its own JVM) against {@code sshd}: the remote {@code ssh-add -l} lists the agent's key. */
@ExtendWith(TrialExtension.class)
class ConchAgentForwardingInteropTest {

    @TempDir
    Path dir;

    @Test
    void dashAForwardsTheAgentToTheRemoteCommand(NioReactor reactor) throws Exception {
        Peer.command("ssh-add", "openssh-client").require();
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        AgentKeyring keyring = new AgentKeyring();
        Key held = Key.generate(KeyType.ED25519);
        keyring.add(held, "forwarded by conch");
        Path socket = dir.resolve("agent.sock");
        ListeningPort agent = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
        try {
            Path known = Files.writeString(dir.resolve("known_hosts"), sshd.knownLine());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Conch.class.getName(), "-A", "-a",
                    "-T", "-i", sshd.userKey().toString(), "-p", String.valueOf(sshd.port()), "--known-hosts",
                    known.toString(), "127.0.0.1", "ssh-add -l"));
            String[] outcome = Coroutine.await(reactor.deferToThread(() -> {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("SSH_AUTH_SOCK", socket.toString());
                Process process = builder.start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("conch did not end");
                }
                return new String[] {out, String.valueOf(process.exitValue())};
            }));
            assertThat(outcome[0]).contains(held.fingerprintSha256() + " forwarded by conch (ED25519)");
            assertThat(outcome[1]).isEqualTo("0");
        } finally {
            Coroutine.await(agent.stopListening());
            sshd.server().stop(reactor);
        }
    }
}
