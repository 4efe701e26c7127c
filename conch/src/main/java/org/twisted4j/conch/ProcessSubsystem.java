package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.Transport;
import org.twisted4j.logger.Logger;

/**
 * A subsystem served by a child process, as {@code sshd} serves {@code subsystem sftp} with {@code sftp-server}:
 * once connected to the session channel it starts the command, and the channel's data goes to the child's
 * standard input and the child's standard output comes back as channel data, each way with back-pressure (a full
 * pipe to the child holds the channel's window back; a channel without window pauses the child's output). The
 * child's standard error is logged, a line at a time, not sent to the client. When the child exits the channel
 * ends as for any subsystem (EOF, {@code exit-status}, close); when the channel closes first, the child's
 * standard input is closed, which ends a well-behaved server such as {@code sftp-server}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class ProcessSubsystem extends Protocol {
    private static final Logger LOG = Logger.forClass(ProcessSubsystem.class);
    private static final int MAX_LOGGED_LINE = 1024;

    private final ReactorProcess reactor;
    private final String user;
    private final List<String> argv;
    private final Map<String, String> env;
    private final Path directory;
    private @Nullable ProcessTransport child;
    private final StringBuilder errors = new StringBuilder();
    private boolean ended;

    ProcessSubsystem(ReactorProcess reactor, String user, List<String> argv, Map<String, String> env,
            Path directory) {
        this.reactor = reactor;
        this.user = user;
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.directory = directory;
    }

    @Override
    public void connectionMade() {
        Transport channel = transport();
        try {
            ProcessTransport started = reactor.spawnProcess(new ProcessProtocol() {
                @Override
                public void outReceived(ByteBuffer data) {
                    channel.write(data);
                }

                @Override
                public void errReceived(ByteBuffer data) {
                    logErrors(UTF_8.decode(data).toString());
                }

                @Override
                public void processEnded(Failure reason) {
                    ended = true;
                    logErrors("\n");
                    channel.loseConnection();
                }
            }, argv.get(0), argv, env, directory);
            child = started;
            channel.registerProducer(started, true);
            started.registerProducer(channel, true);
        } catch (RuntimeException e) {
            LOG.warn("Subsystem of {user} not started: {error}", "user", user, "error", e.toString());
            ended = true;
            channel.loseConnection();
        }
    }

    private void logErrors(String text) {
        errors.append(text);
        int newline;
        while ((newline = errors.indexOf("\n")) >= 0 || errors.length() > MAX_LOGGED_LINE) {
            int end = newline >= 0 ? newline : MAX_LOGGED_LINE;
            String line = errors.substring(0, end).strip();
            errors.delete(0, Math.min(errors.length(), end + 1));
            if (!line.isEmpty()) {
                LOG.info("Subsystem of {user}: {line}", "user", user, "line", line);
            }
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        ProcessTransport running = child;
        if (running != null && !ended) {
            running.writeToChild(0, data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        ProcessTransport running = child;
        if (running != null && !ended) {
            // A close waits for the registered producer (the channel) to unregister: without this the child's
            // input stayed open and the child lived on until the server exited.
            try {
                running.unregisterProducer();
            } catch (IllegalStateException e) {
                // Not registered any more.
            }
            running.closeStdin();
        }
    }
}
