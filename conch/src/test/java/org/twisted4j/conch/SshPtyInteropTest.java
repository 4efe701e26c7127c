package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.AuthorizedKey;
import org.twisted4j.cred.AuthorizedKeys;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.task.Tasks;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Sessions on a real terminal ({@link PtyProcess}) with OpenSSH's client: {@code ssh -tt} gets a {@code /dev/pts}
 * controlling terminal; in tmux, the terminal has the size and the modes of the client's, follows a resize of
 * the client's window ({@code window-change}), and Control-C interrupts the remote command (ISIG).
 */
@ExtendWith(TrialExtension.class)
class SshPtyInteropTest {
    private static final double WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private record Served(ListeningPort port, Path key) {
        int number() {
            return ((IPv4Address) port.getHost()).port();
        }
    }

    private Served serve(NioReactor reactor) throws Exception {
        Path key = dir.resolve("id_ed25519");
        Run keygen = SshInteropTest.run(reactor, List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-t",
                "ed25519", "-N", "", "-f", key.toString()), null);
        assertThat(keygen.exitCode()).as(keygen.errors()).isZero();
        AuthorizedKey authorized = AuthorizedKeys.parseLine(Files.readString(dir.resolve("id_ed25519.pub")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, false), LoginResult.NO_LOGOUT)),
                new SSHPublicKeyChecker(user -> user.equals("alice") ? List.of(authorized) : List.of()));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
                portal);
        return new Served(reactor.listenTCP(0, factory, 50, "127.0.0.1"), key);
    }

    private static List<String> ssh(Served served, String tty) {
        return new ArrayList<>(List.of(Peer.SSH.require().toString(), "-F", "/dev/null", tty,
                "-p", String.valueOf(served.number()), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + served.key(),
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "alice@127.0.0.1"));
    }

    @Test
    void sshTtGetsAControllingTerminalOfItsOwn(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            List<String> command = ssh(served, "-tt");
            command.add("tty; : </dev/tty && echo has-a-controlling-terminal; ps -o stat= -p $$; exit 5");
            Run run = SshInteropTest.run(reactor, command, null);
            assertThat(run.output()).as(run.errors()).contains("/dev/pts/")
                    .contains("has-a-controlling-terminal\r\n");
            // The shell leads its session ("s") and is in the terminal's foreground process group ("+").
            String stat = run.output().lines().filter(l -> l.matches("\\S*s\\S*\\+\\S*\\s*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no session leader in the foreground: " + run.output()));
            assertThat(stat).contains("s");
            assertThat(run.exitCode()).isEqualTo(5);
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    /** Runs tmux with its own socket. */
    private Run tmux(NioReactor reactor, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.TMUX.require().toString(), "-S",
                dir.resolve("tmux.sock").toString()));
        command.addAll(List.of(args));
        return SshInteropTest.run(reactor, command, null);
    }

    /** Reads the pane until it shows what is awaited, at most {@link #WAIT_SECONDS}. */
    private String awaitScreen(NioReactor reactor, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + (long) (WAIT_SECONDS * 1e9);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux(reactor, "capture-pane", "-p", "-t", "pty").output();
            if (done.test(screen)) {
                return screen;
            }
            Coroutine.await(Tasks.deferLater(reactor, 0.1, () -> null));
        }
        throw new AssertionError("the screen never showed what was awaited:\n" + screen);
    }

    @Test
    void sizeModesWindowChangeAndControlCInTmux(NioReactor reactor) throws Exception {
        Peer.TMUX.require();
        Served served = serve(reactor);
        try {
            String remote = "echo modes-$(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(echo|icanon|isig)' | tr '\\n' ,); "
                    + "echo size-$(stty size | tr ' ' x); read x; echo size-$(stty size | tr ' ' x); "
                    + "trap 'echo got-int; exit 7' INT; echo waiting; while :; do sleep 1; done";
            List<String> command = ssh(served, "-t");
            command.add(remote);
            String local = "stty -echo; " + String.join(" ", command.stream().map(ProcessUser::shellQuote).toList())
                    + "; echo ssh-exit-$?; sleep 600";
            Run started = tmux(reactor, "new-session", "-d", "-s", "pty", "-x", "100", "-y", "40", local);
            assertThat(started.exitCode()).as(started.errors()).isZero();
            try {
                String screen = awaitScreen(reactor, s -> s.contains("size-40x100"));
                // The client's terminal had echo off (stty -echo), icanon and isig on: the modes came across.
                assertThat(screen).contains("-echo,").contains("icanon,").contains("isig,");
                tmux(reactor, "resize-window", "-t", "pty", "-x", "120", "-y", "50");
                awaitScreen(reactor, s -> true);
                tmux(reactor, "send-keys", "-t", "pty", "Enter");
                awaitScreen(reactor, s -> s.contains("size-50x120") && s.contains("waiting"));
                tmux(reactor, "send-keys", "-t", "pty", "C-c");
                screen = awaitScreen(reactor, s -> s.contains("ssh-exit-"));
                assertThat(screen).contains("got-int").contains("ssh-exit-7");
            } finally {
                tmux(reactor, "kill-server");
            }
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }
}
