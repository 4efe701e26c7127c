package org.twisted4j.conch.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;

/**
 * What an OpenSSH command run by the agent tests printed (standard output and error together) and its exit
 * status, -1 when it did not end within 30 seconds.
 *
 * @param status the exit status
 * @param output what it printed
 */
public record CommandRun(int status, String output) {

    /**
     * Runs {@code command} off the reactor thread with {@code environment} added and nothing on its standard
     * input, awaiting it from a coroutine on {@code reactor}.
     */
    public static CommandRun run(NioReactor reactor, Map<String, String> environment, List<String> command)
            throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new CommandRun(-1, output);
            }
            return new CommandRun(process.exitValue(), output);
        }));
    }
}
