package org.twisted4j.testing.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process for the interop tests, its output read line by line on a thread of its own so that a
 * test can wait, with a bound, for the line that says what it expects. {@link #close()} kills it.
 */
final class Child {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer transcript = new StringBuffer();
    private final Thread reader;

    Child(List<String> command) throws IOException {
        process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        reader = Thread.ofPlatform().daemon().name("child-output").start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = in.readLine()) != null) {
                    transcript.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                transcript.append("[reading failed: ").append(e).append("]\n");
            } finally {
                lines.add(EOF);
            }
        });
    }

    /** Waits for a line of output that {@code wanted} accepts and returns it. */
    String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LiveReactor.TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError((line == null ? "timed out" : "output ended") + " waiting for " + what
                        + "; output so far:\n" + transcript);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the process to end and for all it printed to be read; returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(LiveReactor.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                || !reader.join(java.time.Duration.ofSeconds(LiveReactor.TIMEOUT_SECONDS))) {
            throw new AssertionError("the child did not exit; output:\n" + transcript);
        }
        return process.exitValue();
    }

    /** Returns everything it has printed so far. */
    String transcript() {
        return transcript.toString();
    }

    void close() {
        process.destroyForcibly();
    }
}
