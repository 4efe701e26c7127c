package org.twisted4j.conch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;

/**
 * A tmux server of a test's own (its own socket, no configuration) with one session {@code m}, for screen tests
 * of terminal programs: start a command in it, send keys, and wait until {@code capture-pane} shows a text,
 * reading the pane again every 50 ms up to {@link #SCREEN_WAIT_MILLIS}, as a user would. Every blocking call runs
 * off the reactor thread, awaited from a coroutine test.
 */
public final class TmuxServer {
    /** How long a wait for the screen lasts before the test fails. */
    public static final long SCREEN_WAIT_MILLIS = 15_000;

    private final Path tmux;
    private final NioReactor reactor;
    private final String socket = "twisted4j-tmux-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    /**
     * A server, not started until {@link #start}; skips the test (or fails it under CI) without tmux.
     *
     * @param reactor runs the blocking calls in its threads
     */
    public TmuxServer(NioReactor reactor) {
        this.tmux = Peer.TMUX.require();
        this.reactor = reactor;
    }

    /** Starts session {@code m} of the given size running the shell command. */
    public void start(int columns, int rows, String command) throws Exception {
        send("new-session", "-d", "-s", "m", "-x", String.valueOf(columns), "-y", String.valueOf(rows), command);
    }

    /** Runs a tmux command (such as {@code send-keys -t m ...}). */
    public void send(String... args) throws Exception {
        Coroutine.await(reactor.deferToThread(() -> run(args)));
    }

    /** Sends keys to the session, as {@code send-keys -t m KEYS...}. */
    public void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "m"));
        args.addAll(List.of(keys));
        send(args.toArray(String[]::new));
    }

    /** Returns the pane's text once it contains {@code expected}; fails with the pane after the wait. */
    public String screen(String expected) throws Exception {
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

    /** Waits for the program in the pane to exit, which ends the session. */
    public void gone() throws Exception {
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
            throw new AssertionError("the program in the pane did not exit:\n" + capture());
        }));
    }

    /** Stops the tmux server and what runs in it. */
    public void close() throws Exception {
        Coroutine.await(reactor.deferToThread(() -> {
            new ProcessBuilder(tmux.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            return null;
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
