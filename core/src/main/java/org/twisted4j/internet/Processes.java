package org.twisted4j.internet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * Running a child process to completion and getting its output or exit code as a {@link Deferred}, as the
 * functions of Twisted's {@code twisted.internet.utils}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Processes.getProcessOutput(reactor, "uname", List.of("uname", "-r"), null, null, false)
 *          .addCallback(bytes -> new String(bytes, UTF_8).strip());
 * Processes.getProcessValue(reactor, "test", List.of("test", "-d", "/tmp"), null, null)
 *          .addCallback(code -> code == 0);
 * }</pre>
 *
 * <p>The child's standard input is closed at once: these are for programs that need no input. The
 * environment and working directory are as {@link ReactorProcess#spawnProcess} takes them: a map is the
 * whole environment, null inherits this process's.
 *
 * <h2>Threading</h2>
 * Reactor thread only; the Deferreds fire on the reactor's thread.
 */
public final class Processes {

    private Processes() {
    }

    /**
     * Starts a child process for {@code reactor}, as every backend's {@link ReactorProcess#spawnProcess} does:
     * its pipes are read and written by virtual threads doing blocking I/O, which hand each event to the
     * reactor's thread with {@link ReactorThreads#callFromThread}, so the protocol is called on that thread only.
     * A reactor backend calls this from its {@code spawnProcess}; users call {@code spawnProcess}.
     *
     * @param reactor the reactor whose thread runs the protocol; call this on that thread
     * @param protocol receives the child's output and its end
     * @param executable the program to run: a path, or a name looked up on {@code PATH}
     * @param args the argument list, starting with the program name
     * @param env the child's environment, or null to inherit this process's
     * @param path the child's working directory, or null for this process's
     * @return the child's transport
     * @throws java.io.UncheckedIOException if the child cannot be started
     */
    public static ProcessTransport spawn(ReactorBackend reactor, ProcessProtocol protocol, String executable,
            List<String> args, @Nullable Map<String, String> env, @Nullable Path path) {
        return ChildProcess.spawn(reactor, protocol, executable, args, env, path);
    }

    /**
     * Runs a child and fires with what it wrote to its standard output once it has ended, whatever its exit
     * code. As in Twisted, output on standard error is an error unless {@code errorToo}: the Deferred then
     * fails at once with an {@link IOException} quoting it, and the child's pipes are closed.
     *
     * @param reactor the reactor to run it with
     * @param executable the program to run
     * @param args the argument list, starting with the program name
     * @param env the child's environment, or null to inherit this process's
     * @param path the child's working directory, or null for this process's
     * @param errorToo true to take standard error into the output, interleaved as it arrives
     * @return fires with the output
     * @throws java.io.UncheckedIOException if the child cannot be started
     */
    public static Deferred<byte[]> getProcessOutput(ReactorProcess reactor, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path, boolean errorToo) {
        Deferred<byte[]> result = new Deferred<>();
        reactor.spawnProcess(new OutputCollector(result, errorToo), executable, args, env, path);
        return result;
    }

    /**
     * Runs a child and fires with its exit code once it has ended; ignores its output.
     *
     * @param reactor the reactor to run it with
     * @param executable the program to run
     * @param args the argument list, starting with the program name
     * @param env the child's environment, or null to inherit this process's
     * @param path the child's working directory, or null for this process's
     * @return fires with the exit code: {@code 128 + N} for a child killed by signal N, as the JDK reports
     *     it (see {@link ProcessTerminated}; Twisted fires with {@code None} then)
     * @throws java.io.UncheckedIOException if the child cannot be started
     */
    public static Deferred<Integer> getProcessValue(ReactorProcess reactor, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        Deferred<Integer> result = new Deferred<>();
        reactor.spawnProcess(new Collector() {
            @Override
            public void processEnded(Failure reason) {
                result.callback(exitValueOf(reason));
            }
        }, executable, args, env, path);
        return result;
    }

    /**
     * Runs a child and fires with its standard output, standard error and exit code once it has ended.
     *
     * @param reactor the reactor to run it with
     * @param executable the program to run
     * @param args the argument list, starting with the program name
     * @param env the child's environment, or null to inherit this process's
     * @param path the child's working directory, or null for this process's
     * @return fires with what the child wrote and its exit code: {@code 128 + N} for a child killed by
     *     signal N (Twisted fails then, with the signal number)
     * @throws java.io.UncheckedIOException if the child cannot be started
     */
    public static Deferred<ProcessOutput> getProcessOutputAndValue(ReactorProcess reactor, String executable,
            List<String> args, @Nullable Map<String, String> env, @Nullable Path path) {
        Deferred<ProcessOutput> result = new Deferred<>();
        reactor.spawnProcess(new Collector() {
            @Override
            public void processEnded(Failure reason) {
                result.callback(new ProcessOutput(out.toByteArray(), err.toByteArray(), exitValueOf(reason)));
            }
        }, executable, args, env, path);
        return result;
    }

    private static int exitValueOf(Failure reason) {
        return reason.value() instanceof ProcessTerminated terminated ? terminated.exitValue() : 0;
    }

    /** Closes the child's input and keeps what it writes. */
    private abstract static class Collector extends ProcessProtocol {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Override
        public void connectionMade() {
            transport().closeStdin();
        }

        @Override
        public void outReceived(ByteBuffer data) {
            append(data, out);
        }

        @Override
        public void errReceived(ByteBuffer data) {
            append(data, err);
        }

        static void append(ByteBuffer data, ByteArrayOutputStream into) {
            if (data.hasArray()) {
                into.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            } else {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                into.writeBytes(bytes);
            }
        }
    }

    private static final class OutputCollector extends Collector {
        private final Deferred<byte[]> result;
        private final boolean errorToo;
        private boolean failed;

        OutputCollector(Deferred<byte[]> result, boolean errorToo) {
            this.result = result;
            this.errorToo = errorToo;
        }

        @Override
        public void errReceived(ByteBuffer data) {
            if (errorToo) {
                append(data, out);
            } else if (!failed) {
                failed = true;
                String text = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
                result.errback(new IOException("got stderr: " + text));
                transport().loseConnection();
            }
        }

        @Override
        public void processEnded(Failure reason) {
            if (!failed) {
                result.callback(out.toByteArray());
            }
        }
    }
}
