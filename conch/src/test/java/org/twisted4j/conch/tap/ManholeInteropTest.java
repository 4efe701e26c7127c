package org.twisted4j.conch.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.Service;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.conch.manhole.ManholeService;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * {@code twist manhole} as its users meet it: Debian's {@code telnet} and OpenSSH's {@code ssh}, each in a tmux
 * pane of a tmux server of the test's own, log in, evaluate an expression and a Deferred, and edit and recall
 * lines; the screen is read back with {@code capture-pane}. The test waits for what the screen shows (reading it
 * again every 50 ms, up to {@link #SCREEN_WAIT_MILLIS}), as a user would.
 */
@ExtendWith(TrialExtension.class)
class ManholeInteropTest {

    static final long SCREEN_WAIT_MILLIS = 15_000;

    @TempDir
    Path dir;

    private final String socket = "twisted4j-manhole-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private Path tmux;
    private ManholeService service;
    private int telnetPort;
    private int sshPort;

    @BeforeEach
    void start(NioReactor reactor) throws Exception {
        tmux = Peer.TMUX.require();
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n");
        ManholePlugin plugin = new ManholePlugin();
        service = (ManholeService) plugin.makeService(reactor, plugin.options().parse(List.of(
                "--telnetPort", "tcp:0:interface=127.0.0.1", "--sshPort", "tcp:0:interface=127.0.0.1",
                "--passwd", passwd.toString(), "--sshKeyDir", dir.toString(), "--sshKeySize", "2048")));
        service.startService();
        List<Service> ports = service.services();
        telnetPort = port(ports.get(0));
        sshPort = port(ports.get(1));
    }

    private static int port(Service service) throws Exception {
        return ((IPv4Address) Coroutine.await(((StreamServerEndpointService) service).whenListening()).getHost())
                .port();
    }

    @AfterEach
    void stop(NioReactor reactor) throws Exception {
        Coroutine.await(reactor.deferToThread(() -> {
            new ProcessBuilder(tmux.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            return null;
        }));
        if (service != null) {
            Coroutine.await(service.stopService());
        }
    }

    @Test
    void telnetLogsInAndEvaluatesAnExpressionAndADeferred(NioReactor reactor) throws Exception {
        Path telnet = Peer.TELNET.require();
        tmux(reactor, "new-session", "-d", "-s", "m", "-x", "120", "-y", "40", telnet + " 127.0.0.1 " + telnetPort);
        screen(reactor, "Username:");
        tmux(reactor, "send-keys", "-t", "m", "alice", "Enter");
        screen(reactor, "Password:");
        tmux(reactor, "send-keys", "-t", "m", "secret", "Enter");
        screen(reactor, ">>>");
        tmux(reactor, "send-keys", "-t", "m", "6 * 7", "Enter");
        screen(reactor, "$1 ==> 42");
        tmux(reactor, "send-keys", "-t", "m", "Tasks.deferLater(reactor, 0.2, () -> \"later\")", "Enter");
        String shown = screen(reactor, "Deferred #0 called back: \"later\"");
        assertThat(shown).contains("$2 ==> <Deferred #0>").doesNotContain("secret");
        tmux(reactor, "send-keys", "-t", "m", "C-d");
        gone(reactor);
    }

    @Test
    void sshRecallsHistoryAndEditsTheLineOnScreen(NioReactor reactor) throws Exception {
        Path ssh = Peer.SSH.require();
        Path sshpass = Peer.SSHPASS.require();
        tmux(reactor, "new-session", "-d", "-s", "m", "-x", "120", "-y", "40", sshpass + " -p secret " + ssh
                + " -tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p "
                + sshPort + " alice@127.0.0.1");
        screen(reactor, ">>>");
        tmux(reactor, "send-keys", "-t", "m", "1 + 1", "Enter");
        screen(reactor, "$1 ==> 2");
        tmux(reactor, "send-keys", "-t", "m", "40 + 2", "Enter");
        screen(reactor, "$2 ==> 42");
        tmux(reactor, "send-keys", "-t", "m", "Up", "Up");
        screen(reactor, ">>> 1 + 1\n$1 ==> 2\n>>> 40 + 2\n$2 ==> 42\n>>> 1 + 1");
        tmux(reactor, "send-keys", "-t", "m", "BSpace", "9", "Home", "2", "Right", "Right", "Delete", "-");
        screen(reactor, "\n>>> 21 - 9");
        tmux(reactor, "send-keys", "-t", "m", "Enter");
        screen(reactor, "$3 ==> 12");
        tmux(reactor, "send-keys", "-t", "m", "Up", "Down", "Enter");
        String shown = screen(reactor, "$3 ==> 12\n>>>\n>>>");
        assertThat(shown).doesNotContain("Error");
        tmux(reactor, "send-keys", "-t", "m", "C-d");
        gone(reactor);
    }

    /** Waits for the client in the pane to exit, which ends the tmux session. */
    private void gone(NioReactor reactor) throws Exception {
        Coroutine.await(reactor.deferToThread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SCREEN_WAIT_MILLIS);
            while (System.nanoTime() < deadline) {
                Process check = new ProcessBuilder(tmux.toString(), "-L", socket, "has-session", "-t", "m")
                        .redirectErrorStream(true).start();
                check.getInputStream().readAllBytes();
                if (check.waitFor() != 0) {
                    return null;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the client did not exit after Control-D:\n" + capture());
        }));
    }

    /** Returns the pane's text once it contains {@code expected}; fails with the pane after the wait. */
    private String screen(NioReactor reactor, String expected) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SCREEN_WAIT_MILLIS);
            String pane = "";
            while (System.nanoTime() < deadline) {
                pane = capture();
                if (pane.contains(expected)) {
                    return pane;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the screen never showed " + expected + "; it shows:\n" + pane);
        }));
    }

    private String capture() throws Exception {
        String raw = run("capture-pane", "-p", "-t", "m");
        List<String> lines = new ArrayList<>();
        for (String line : raw.split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines).strip();
    }

    private void tmux(NioReactor reactor, String... args) throws Exception {
        Coroutine.await(reactor.deferToThread(() -> run(args)));
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
