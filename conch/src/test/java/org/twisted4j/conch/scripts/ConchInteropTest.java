package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.TmuxServer;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.client.SshClientInteropTest.Sshd;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.trial.TrialExtension;

/**
 * {@code conch} (run as its own JVM, as {@code bin/conch} runs it) against Debian's OpenSSH {@code sshd} started
 * for each test: a command with standard input, output, error and exit status; an interactive shell in a tmux pane
 * (a PTY of the pane's size, raw mode so that Control-C reaches the remote command, the size change after a resize,
 * the shell's exit status); a local port forwarded with {@code -L} and a remote one with {@code -R}, both to sshd's
 * own port, whose banner comes through.
 */
@ExtendWith(TrialExtension.class)
class ConchInteropTest {

    @TempDir
    Path dir;

    private static List<String> java(String mainClass) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), mainClass));
    }

    private List<String> conch(Sshd sshd, String... args) throws Exception {
        Path known = Files.writeString(dir.resolve("known_hosts"), sshd.knownLine());
        List<String> command = java(Conch.class.getName());
        command.addAll(List.of("-a", "-i", sshd.userKey().toString(), "-p", String.valueOf(sshd.port()),
                "--known-hosts", known.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String shell(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append(line.isEmpty() ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return line.toString();
    }

    @Test
    void aCommandGetsStandardInputAndGivesOutputErrorsAndExitStatus(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        try {
            List<String> command = conch(sshd, "127.0.0.1", "read x; echo got $x; echo oops >&2; exit 3");
            String[] outcome = Coroutine.await(reactor.deferToThread(() -> {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectError(dir.resolve("stderr").toFile());
                builder.environment().remove("SSH_AUTH_SOCK");
                Process process = builder.start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write("hello\n".getBytes(UTF_8));
                }
                String out = new String(process.getInputStream().readAllBytes(), UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("conch did not end");
                }
                return new String[] {out, String.valueOf(process.exitValue())};
            }));
            assertThat(outcome[0]).isEqualTo("got hello\n");
            assertThat(Files.readString(dir.resolve("stderr"))).contains("oops");
            assertThat(outcome[1]).isEqualTo("3");
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void anInteractiveShellRunsInARemoteTerminalOfThePanesSize(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        TmuxServer tmux = new TmuxServer(reactor);
        try {
            tmux.start(100, 30, "env -u SSH_AUTH_SOCK " + shell(conch(sshd, "127.0.0.1"))
                    + "; echo CONCH-EXIT=$?; sleep 60");
            tmux.keys("PS1='$ '; echo READY$((6*7))", "Enter");
            tmux.screen("READY42");
            tmux.keys("stty size; tty", "Enter");
            tmux.screen("30 100\n/dev/pts/");
            tmux.keys("sleep 100", "Enter");
            tmux.keys("C-c");
            tmux.keys("echo ALIVE$((1+1))", "Enter");
            tmux.screen("ALIVE2");
            tmux.send("resize-window", "-t", "m", "-x", "90", "-y", "25");
            // The size reaches the remote terminal once conch has handled SIGWINCH: the remote shell waits for it.
            tmux.keys("until [ \"$(stty size)\" = '25 90' ]; do sleep 0.1; done; echo RESIZED-$((2*3))", "Enter");
            tmux.screen("RESIZED-6");
            tmux.keys("exit 4", "Enter");
            tmux.screen("CONCH-EXIT=4");
        } finally {
            tmux.close();
            sshd.server().stop(reactor);
        }
    }

    @Test
    void aLocalPortIsForwardedThroughTheServer(NioReactor reactor) throws Exception {
        assertThat(bannerThroughAForward(reactor, "-L", "forwarding 127.0.0.1:")).isEqualTo("SSH-2.0-");
    }

    @Test
    void aRemotePortIsForwardedBackToALocalTarget(NioReactor reactor) throws Exception {
        assertThat(bannerThroughAForward(reactor, "-R", "the server forwards its 127.0.0.1:")).isEqualTo("SSH-2.0-");
    }

    /**
     * Runs {@code conch -N} with {@code flag} forwarding a free port to sshd's own port, waits for conch to log
     * {@code logged} and the port, and returns the first 8 bytes read through the forwarded port: sshd's banner.
     */
    private String bannerThroughAForward(NioReactor reactor, String flag, String logged) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        int local = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        List<String> command = conch(sshd, "-v", "-N", flag, local + ":127.0.0.1:" + sshd.port(), "127.0.0.1");
        Process process = Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove("SSH_AUTH_SOCK");
            return builder.start();
        }));
        try {
            return Coroutine.await(reactor.deferToThread(() -> {
                BufferedReader log = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8));
                for (String line; (line = log.readLine()) != null; ) {
                    if (line.contains(logged + local)) {
                        break;
                    }
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", local), 10_000);
                    socket.setSoTimeout(10_000);
                    byte[] start = socket.getInputStream().readNBytes(8);
                    return new String(start, UTF_8);
                }
            }));
        } finally {
            process.destroy();
            sshd.server().stop(reactor);
        }
    }
}
