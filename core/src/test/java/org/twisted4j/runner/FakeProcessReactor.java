package org.twisted4j.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ProcessDone;
import org.twisted4j.internet.ProcessExitedAlready;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.ReactorProcess;

/**
 * A process layer that runs nothing: each spawn is recorded as a {@link FakeProcess}, signals are recorded
 * instead of sent, and the test ends a process when it wants with {@link FakeProcess#exit}.
 */
final class FakeProcessReactor implements ReactorProcess {
    final List<FakeProcess> spawned = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private long nextPid = 100;

    /** Makes spawning {@code executable} fail as for a program that does not exist. */
    void makeMissing(String executable) {
        missing.add(executable);
    }

    @Override
    public ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        if (missing.contains(executable)) {
            throw new UncheckedIOException(new IOException("no such file: " + executable));
        }
        FakeProcess process = new FakeProcess(nextPid++, protocol, executable, args, env, path);
        spawned.add(process);
        protocol.makeConnection(process);
        return process;
    }

    FakeProcess last() {
        return spawned.getLast();
    }

    /** One pretend child. */
    static final class FakeProcess implements ProcessTransport {
        final long pid;
        final ProcessProtocol protocol;
        final String executable;
        final List<String> args;
        final @Nullable Map<String, String> env;
        final @Nullable Path path;
        final List<String> signals = new ArrayList<>();
        boolean ended;

        FakeProcess(long pid, ProcessProtocol protocol, String executable, List<String> args,
                @Nullable Map<String, String> env, @Nullable Path path) {
            this.pid = pid;
            this.protocol = protocol;
            this.executable = executable;
            this.args = args;
            this.env = env;
            this.path = path;
        }

        /** Delivers output on descriptor 1 or 2. */
        void output(int fd, String text) {
            protocol.childDataReceived(fd, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** Ends the process with {@code exitValue}: 0 is done, anything else terminated. */
        void exit(int exitValue) {
            end(new Failure(exitValue == 0 ? new ProcessDone() : ProcessTerminated.exited(exitValue)));
        }

        void end(Failure reason) {
            if (ended) {
                throw new IllegalStateException("process " + pid + " ended already");
            }
            ended = true;
            protocol.processExited(reason);
            protocol.processEnded(reason);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void signalProcess(String signal) {
            if (ended) {
                throw new ProcessExitedAlready(pid);
            }
            signals.add(signal);
        }

        @Override
        public void writeToChild(int childFD, ByteBuffer data) {
        }

        @Override
        public void write(ByteBuffer data) {
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void closeStdin() {
        }

        @Override
        public void closeStdout() {
        }

        @Override
        public void closeStderr() {
        }

        @Override
        public void closeChildFD(int childFD) {
        }

        @Override
        public void loseConnection() {
        }

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }
}
