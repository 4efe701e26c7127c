package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * A remote command killed by a signal ends its session with {@code exit-signal}, as under OpenSSH's {@code sshd}:
 * {@code ssh} exits with 255 (it gets no exit status), on pipes and under {@code -tt}, while a command that exits
 * with 143 itself still gives 143. Each command runs against our server and against {@code sshd} started by the
 * test, and {@code ssh} must end the same way with both.
 */
@ExtendWith(TrialExtension.class)
class SshExitSignalInteropTest {
    @TempDir
    Path dir;

    /** How ssh ended: its status, whether it was told of a signal, and what it said other than debug lines. */
    private record Ending(int status, boolean exitSignal, List<String> said) {
    }

    private static Ending ending(Run run) {
        List<String> said = run.errors().lines().map(String::strip)
                .filter(l -> !l.startsWith("debug") && !l.startsWith("OpenSSH_") && !l.startsWith("Warning: Permanently")
                        && !l.startsWith("Authenticated to") && !l.startsWith("Transferred:")
                        && !l.startsWith("Bytes per second") && !l.isEmpty())
                .toList();
        return new Ending(run.exitCode(), run.errors().contains("rtype exit-signal"), said);
    }

    private static List<String> ssh(int port, List<String> login, String terminal, String command) {
        List<String> argv = new ArrayList<>(login);
        argv.addAll(List.of(Peer.SSH.require().toString(), "-F", "/dev/null", "-v", "-p", String.valueOf(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20"));
        if (terminal != null) {
            argv.add(terminal);
        }
        return argv;
    }

    @Test
    void aKilledCommandEndsWithExitSignalAsUnderSshd(NioReactor reactor) throws Exception {
        Peer.SSHPASS.require();
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, false), LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
                portal);
        ListeningPort ours = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        SshClientInteropTest.Sshd sshd = SshClientInteropTest.startSshd(reactor,
                Files.createDirectories(dir.resolve("sshd")), false);
        try {
            int ourPort = ((IPv4Address) ours.getHost()).port();
            List<String> password = List.of(Peer.SSHPASS.require().toString(), "-p", "secret");
            for (String terminal : new String[] {null, "-tt"}) {
                for (String command : List.of("echo before; kill -TERM $$", "exit 143")) {
                    List<String> toUs = ssh(ourPort, password, terminal, command);
                    toUs.addAll(List.of("-o", "PubkeyAuthentication=no", "alice@127.0.0.1", command));
                    List<String> toSshd = ssh(sshd.port(), List.of(), terminal, command);
                    toSshd.addAll(List.of("-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + sshd.userKey(),
                            "-o", "BatchMode=yes", System.getProperty("user.name") + "@127.0.0.1", command));
                    Run ourRun = SshInteropTest.run(reactor, toUs, null);
                    Run theirRun = SshInteropTest.run(reactor, toSshd, null);
                    Ending ourEnd = ending(ourRun);
                    Ending theirEnd = ending(theirRun);
                    String what = (terminal == null ? "pipes" : terminal) + ": " + command;
                    System.out.println(what + ": ours " + ourEnd + ", sshd's " + theirEnd);
                    boolean killed = command.contains("kill");
                    assertThat(theirEnd.status()).as("sshd, " + what + theirRun.errors()).isEqualTo(killed ? 255 : 143);
                    assertThat(theirEnd.exitSignal()).as("sshd, " + what).isEqualTo(killed);
                    assertThat(ourEnd).as(what + ourRun.errors()).isEqualTo(theirEnd);
                    assertThat(ourRun.output()).isEqualTo(theirRun.output());
                }
            }
        } finally {
            Coroutine.await(ours.stopListening());
            sshd.server().stop(reactor);
        }
    }
}
