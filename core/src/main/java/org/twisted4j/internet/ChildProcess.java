package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * A running child process and its three pipes: the {@link ProcessTransport} that every reactor backend
 * ({@link Processes#spawn}) gives to a {@link ProcessProtocol}.
 *
 * <p>Blocking pipe I/O happens on virtual threads ({@link PipeWriter}, {@link PipeReader}); the JDK tells
 * of the exit through {@link Process#onExit()}. Every event reaches this object through the reactor's
 * {@code callFromThread}, so all state here and every protocol call is on the reactor's thread.
 */
final class ChildProcess implements ProcessTransport, PipeReader.Owner, PipeWriter.Owner {

    private final ReactorBackend reactor;
    private final ProcessProtocol protocol;
    private final Process process;
    private final String executable;
    private final long pid;
    private final PipeWriter input;
    private final PipeReader stdout;
    private final PipeReader stderr;

    private boolean paused;
    private long signalsSent;
    private @Nullable Failure exitReason;
    private boolean ended;

    private ChildProcess(ReactorBackend reactor, ProcessProtocol protocol, Process process, String executable) {
        this.reactor = reactor;
        this.protocol = protocol;
        this.process = process;
        this.executable = executable;
        this.pid = process.pid();
        this.input = new PipeWriter(reactor, this, process.getOutputStream());
        this.stdout = new PipeReader(reactor, this, 1, process.getInputStream());
        this.stderr = new PipeReader(reactor, this, 2, process.getErrorStream());
    }

    /** Starts {@code executable} and connects {@code protocol} to it; see {@link ReactorProcess}. */
    static ChildProcess spawn(ReactorBackend reactor, ProcessProtocol protocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        if (executable.isEmpty()) {
            throw new IllegalArgumentException("executable must not be empty");
        }
        List<String> command = new ArrayList<>(Math.max(1, args.size()));
        command.add(executable);
        if (args.size() > 1) {
            command.addAll(args.subList(1, args.size()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (env != null) {
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(env);
        }
        if (path != null) {
            builder.directory(path.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(reactor, protocol, process, executable);
        child.guarded("makeConnection", () -> protocol.makeConnection(child));
        child.start();
        return child;
    }

    private void start() {
        String name = "twisted4j-process-" + pid;
        input.start(name + "-stdin");
        stdout.start(name + "-stdout");
        stderr.start(name + "-stderr");
        process.onExit().whenComplete((exited, error) -> reactor.callFromThread(this::exited));
    }

    // ---- for the pipes ----

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void dataReceived(int childFD, ByteBuffer chunk) {
        if (!guarded("childDataReceived", () -> protocol.childDataReceived(childFD, chunk))) {
            closeChildFD(childFD);
        }
    }

    @Override
    public void readerLost(int childFD) {
        guarded("childConnectionLost", () -> protocol.childConnectionLost(childFD));
        maybeEnded();
    }

    @Override
    public void writerEnded() {
        readerLost(0);
    }

    // ---- the exit ----

    private void exited() {
        int value = process.exitValue();
        Failure reason = new Failure(reasonFor(value));
        exitReason = reason;
        input.closeNow();
        guarded("processExited", () -> protocol.processExited(reason));
        maybeEnded();
    }

    private RuntimeException reasonFor(int exitValue) {
        if (exitValue == 0) {
            return new ProcessDone();
        }
        int signal = exitValue - 128;
        if (signal > 0 && signal < Long.SIZE && (signalsSent & (1L << signal)) != 0) {
            return ProcessTerminated.killed(signal);
        }
        return ProcessTerminated.exited(exitValue);
    }

    private void maybeEnded() {
        Failure reason = exitReason;
        if (!ended && reason != null && input.isLost() && stdout.isLost() && stderr.isLost()) {
            ended = true;
            guarded("processEnded", () -> protocol.processEnded(reason));
        }
    }

    // ---- ProcessTransport ----

    @Override
    public long pid() {
        return pid;
    }

    /**
     * {@inheritDoc}
     *
     * @implNote The bytes are queued as a view of {@code data}, not a copy, for a virtual thread that writes
     * them to the pipe. A chunk of the child's own output, handed to the protocol, is copied instead, since
     * its buffer is reused.
     */
    @Override
    public void write(ByteBuffer data) {
        if (!input.acceptsWrites() || !data.hasRemaining()) {
            return;
        }
        ByteBuffer view;
        if (stdout.owns(data) || stderr.owns(data)) {
            view = ByteBuffer.allocate(data.remaining());
            view.put(data.duplicate()).flip();
        } else {
            view = data.duplicate();
        }
        input.write(view);
    }

    @Override
    public void writeToChild(int childFD, ByteBuffer data) {
        if (childFD != 0) {
            throw new IllegalArgumentException("only the child's descriptor 0 can be written to, not " + childFD);
        }
        write(data);
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        input.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        input.unregisterProducer();
    }

    @Override
    public void closeStdin() {
        input.close();
    }

    @Override
    public void closeStdout() {
        stdout.close();
    }

    @Override
    public void closeStderr() {
        stderr.close();
    }

    @Override
    public void closeChildFD(int childFD) {
        switch (childFD) {
            case 0 -> closeStdin();
            case 1 -> closeStdout();
            case 2 -> closeStderr();
            default -> throw new IllegalArgumentException("the child has descriptors 0, 1 and 2, not " + childFD);
        }
    }

    @Override
    public void loseConnection() {
        closeStdin();
        closeStderr();
        closeStdout();
    }

    /**
     * {@inheritDoc}
     *
     * @implNote A signal sent with {@code /bin/kill} names the child by its process id; if the child exits
     * and its id is reused in the moment between the check and the signal, the signal reaches the new
     * process. {@code TERM} and {@code KILL}, sent by the JDK, do not have that risk.
     */
    @Override
    public void signalProcess(String signal) {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ABRT" -> 6;
            case "KILL" -> 9;
            case "ALRM" -> 14;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("unsupported signal " + signal
                    + "; use TERM, KILL, INT, HUP, QUIT, ABRT or ALRM");
        };
        if (exitReason != null || !process.isAlive()) {
            throw new ProcessExitedAlready(pid);
        }
        signalsSent |= 1L << number;
        switch (signal) {
            case "TERM" -> process.destroy();
            case "KILL" -> process.destroyForcibly();
            default -> Thread.ofVirtual().name("twisted4j-kill-" + pid).start(() -> runKill(signal));
        }
    }

    private void runKill(String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), Charset.defaultCharset()).strip();
            int status = kill.waitFor();
            if (status != 0) {
                ReactorLog.warn("could not send " + signal + " to process " + pid,
                        new IOException("/bin/kill exited with " + status + ": " + output));
            }
        } catch (IOException e) {
            ReactorLog.warn("could not send " + signal + " to process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        if (!paused) {
            return;
        }
        paused = false;
        stdout.resume();
        stderr.resume();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ---- helpers ----

    @Override
    public boolean guarded(String callback, Runnable call) {
        try {
            call.run();
            return true;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error(protocol.getClass().getName() + "." + callback + " threw for " + this, error);
            return false;
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + pid + ", " + executable + (exitReason == null ? "" : ", exited") + "]";
    }
}
