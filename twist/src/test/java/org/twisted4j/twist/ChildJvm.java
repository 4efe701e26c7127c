package org.twisted4j.twist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A runner started as a separate JVM on the test class path, with its output read line by line. */
final class ChildJvm {

    static final long WAIT_SECONDS = 60;

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> errorLines = new LinkedBlockingQueue<>();
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread errReader;
    private final Thread outReader;

    private ChildJvm(Process process) {
        this.process = process;
        outReader = Thread.ofVirtual().start(() -> pump(process.getInputStream(), out, lines));
        errReader = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), err, errorLines));
    }

    /** Starts {@code mainClass} with {@code args} in {@code dir}. */
    static ChildJvm start(Class<?> mainClass, Path dir, String... args) throws IOException {
        return startThrough(List.of(), mainClass, dir, args);
    }

    /** Starts {@code mainClass} as {@link #start} does, through {@code launcher} (a command that execs the rest). */
    static ChildJvm startThrough(List<String> launcher, Class<?> mainClass, Path dir, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return startCommand(command, dir);
    }

    /** Starts {@code command}, a script that runs a JVM of ours (an installed launcher, say), in {@code dir}. */
    static ChildJvm startCommand(List<String> command, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove(Twistd.CHILD_ENV);
        return new ChildJvm(builder.start());
    }

    private void pump(InputStream stream, StringBuffer into, LinkedBlockingQueue<String> queue) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                into.append(line).append('\n');
                queue.add(line);
            }
        } catch (IOException e) {
            into.append("[read failed: ").append(e).append("]\n");
        }
    }

    /** Waits (boundedly) for a line of standard output that matches, and returns it. */
    String awaitLine(Predicate<String> wanted) throws InterruptedException {
        return await(lines, wanted);
    }

    /** Waits (boundedly) for a line of standard error that matches, and returns it. */
    String awaitErrorLine(Predicate<String> wanted) throws InterruptedException {
        return await(errorLines, wanted);
    }

    private String await(LinkedBlockingQueue<String> lines, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no such line within " + WAIT_SECONDS + " s; output:\n" + out + "\nerrors:\n"
                        + err);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits (boundedly) for the JVM to exit and returns its status, once its output has been read. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + WAIT_SECONDS + " s; output:\n" + out + "\nerrors:\n" + err);
        }
        outReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        errReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    /** Returns the child's standard input. */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits (boundedly) until the child has closed its standard output, and returns all it wrote there. */
    String awaitOutputClosed() throws InterruptedException {
        outReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (outReader.isAlive()) {
            throw new AssertionError("standard output still open after " + WAIT_SECONDS + " s; output:\n" + out
                    + "\nerrors:\n" + err);
        }
        return out.toString();
    }

    /** Sends SIGTERM (through the handle: {@link Process#destroy} would also close the output being read). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Returns the child's process id. */
    long pid() {
        return process.pid();
    }

    void kill() {
        process.destroyForcibly();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
