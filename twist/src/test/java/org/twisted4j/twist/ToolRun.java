package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.twisted4j.peers.Peer;

/**
 * How a run of a peer's program (curl, openssl, h2load) against a {@code twist} child process ended: its exit
 * code and everything it printed. Runs block: these tests drive child JVMs from the test thread.
 */
record ToolRun(int exitCode, String output) {

    /**
     * Runs {@code tool} with {@code args}, without the proxies of the environment, and waits up to a minute.
     * A missing tool skips the test, or fails it under CI ({@link Peer#require()}).
     */
    static ToolRun of(Peer tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool.require().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(tool.name() + " did not finish within a minute; it printed:\n" + output);
        }
        return new ToolRun(process.exitValue(), output);
    }

    /** curl's arguments for a quiet run that still shows errors and gives up after 30 seconds, then {@code args}. */
    static String[] curlArguments(String... args) {
        List<String> all = new ArrayList<>(List.of("--silent", "--show-error", "--max-time", "30"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
