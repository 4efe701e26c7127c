package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.twisted4j.peers.Peer;

/**
 * curl reading an event stream with {@code --no-buffer}, its output gathered as it arrives; a test waits (off the
 * reactor thread) for a piece of text to have arrived.
 */
final class CurlStream implements AutoCloseable {

    private final Process process;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private CurlStream(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::pump);
    }

    /** Starts curl on {@code url} with {@code arguments} before it. */
    static CurlStream start(String url, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Peer.CURL.require().toString(), "-sS", "--no-buffer",
                "--max-time", "20"));
        command.addAll(List.of(arguments));
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        return new CurlStream(builder.start());
    }

    private void pump() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (this) {
                    received.write(buffer, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away; what arrived stays
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits up to 20 s for the output to end with {@code text}; returns the output so far. Blocking. */
    synchronized String awaitEnd(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!received.toString(UTF_8).endsWith(text)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("curl's output did not end with " + text + ": " + received.toString(UTF_8));
            }
            wait(left);
        }
        return received.toString(UTF_8);
    }

    /** Waits up to 20 s for curl to exit; returns its status. Blocking. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("curl did not exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
