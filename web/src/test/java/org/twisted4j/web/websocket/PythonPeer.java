package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;

/**
 * One of the autobahn scripts in {@code websocket/}, run with Debian's Python as a child process. Its output
 * lines are read on a thread of their own; the test awaits a line from its coroutine, off the reactor thread,
 * so the reactor keeps serving meanwhile. Lines are how the script says it is ready (with its port) and what
 * happened, so the test synchronises on events, never on time.
 */
final class PythonPeer implements AutoCloseable {
    private static final long LINE_TIMEOUT_SECONDS = 60;
    private static final String END = "\u0000end";

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
            lines.add(END);
        }, "python-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code script} with {@code args} in Debian's Python with autobahn ({@link Peer#AUTOBAHN}). */
    static PythonPeer start(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.AUTOBAHN.require().toString(), "-u",
                script(script).toString()));
        command.addAll(List.of(args));
        return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static Path script(String name) throws URISyntaxException {
        URL url = PythonPeer.class.getResource("/websocket/" + name);
        if (url == null) {
            throw new AssertionError("no test resource websocket/" + name);
        }
        return Path.of(url.toURI());
    }

    /**
     * Waits, from the test's coroutine, for the next output line that starts with {@code prefix}, skipping
     * others (such as log lines).
     *
     * @return the line
     */
    String awaitLine(NioReactor reactor, String prefix) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            while (true) {
                String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (line == null || line.equals(END)) {
                    throw new AssertionError("no line starting with '" + prefix + "' from the peer; its output:\n"
                            + String.join("\n", seen));
                }
                synchronized (seen) {
                    seen.add(line);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }));
    }

    /** Waits for the READY line and returns the port it names. */
    int awaitPort(NioReactor reactor) throws Exception {
        return Integer.parseInt(awaitLine(reactor, "READY ").substring("READY ".length()).strip());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
