package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
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
 * standard input is closed, which ends a well-behaved server such as {@code sftp-server}. The command line may
 * still be in the making when the channel connects (a class path being copied): the channel's input waits for it.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class ProcessSubsystem extends Protocol {
    private static final Logger LOG = Logger.forClass(ProcessSubsystem.class);
    private static final int MAX_LOGGED_LINE = 1024;

    private final ReactorProcess reactor;
    private final String user;
    private final Deferred<List<String>> command;
    private final Map<String, String> env;
    private final Path directory;
    private @Nullable ProcessTransport child;
    private final StringBuilder errors = new StringBuilder();
    /** What the channel delivered before the child started, in order; null once it has started. */
    private @Nullable List<ByteBuffer> early = new ArrayList<>();
    private boolean ended;

    ProcessSubsystem(ReactorProcess reactor, String user, Deferred<List<String>> command, Map<String, String> env,
            Path directory) {
        this.reactor = reactor;
        this.user = user;
        this.command = command;
        this.env = Map.copyOf(env);
        this.directory = directory;
    }

    /**
     * Starts the child once its command line is known; until then the channel's input is held back and what
     * still arrives is kept.
     */
    @Override
    public void connectionMade() {
        Transport channel = transport();
        channel.pauseProducing();
        command.addCallbacks(argv -> {
            start(channel, argv);
            return null;
        }, failure -> {
            notStarted(channel, failure.value());
            return null;
        });
    }

    private void start(Transport channel, List<String> argv) {
        List<ByteBuffer> pending = early;
        early = null;
        if (ended) {
            return;
        }
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
            if (pending != null) {
                for (ByteBuffer data : pending) {
                    started.writeToChild(0, data);
                }
            }
            channel.resumeProducing();
        } catch (RuntimeException e) {
            notStarted(channel, e);
        }
    }

    private void notStarted(Transport channel, Throwable error) {
        early = null;
        if (ended) {
            return;
        }
        LOG.warn("Subsystem of {user} not started: {error}", "user", user, "error", error.toString());
        ended = true;
        channel.loseConnection();
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
        List<ByteBuffer> pending = early;
        if (running != null && !ended) {
            running.writeToChild(0, data);
        } else if (pending != null && !ended) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
            pending.add(copy);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        ProcessTransport running = child;
        if (running == null) {
            // Closed before the child started: it never will.
            ended = true;
            early = null;
            return;
        }
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
