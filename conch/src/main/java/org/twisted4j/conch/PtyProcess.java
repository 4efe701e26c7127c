package org.twisted4j.conch;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * A child process on a real pseudo-terminal of its own, for sessions with a {@code pty-req}, or on pipes
 * ({@link #onPipes}), started and waited for through {@link NativeSpawn} so that its real wait status is known: a
 * command killed by a signal ends the session with {@code exit-signal}, not with the status {@code 128 + N}
 * the JDK would report.
 *
 * <p>The terminal is made with libc's {@code openpty} through JNA; the request's size is set with
 * {@code TIOCSWINSZ} and its encoded modes (RFC 4254 section 8: ECHO, ICANON, ISIG and the rest of the local,
 * input and output flags, the control characters) with {@code tcsetattr}. The JVM cannot fork, so the child is
 * started by util-linux's {@code setsid(1)}, which makes it the leader of a new session (it does not fork: the
 * spawned child leads no process group), and a {@code /bin/sh} there opens the terminal's device as its standard
 * input, output and error and executes the shell: a session leader with no controlling terminal that opens a
 * terminal gets it as its controlling terminal, so the command runs exactly as under {@code sshd}, with job
 * control and {@code /dev/tty}; each program of that chain executes the next in the same process, so the wait
 * status is the shell's own. The JVM itself only ever holds the terminal opened with {@code O_NOCTTY}. Later
 * {@code window-change}s resize the terminal (the kernel sends the foreground process group {@code SIGWINCH});
 * signals go to the child's process group.
 *
 * <p>Output is read by one platform thread per descriptor, blocked in {@code read(2)}, and handed to the reactor;
 * input is written by another, so a child that does not read never blocks the reactor. A thread blocked in
 * {@code waitpid} learns the exit; the end is told once all output has been read.
 *
 * <h2>Threading</h2>
 * Made and driven from the reactor thread; its callbacks arrive there.
 */
final class PtyProcess {
    private static final Logger LOG = Logger.forClass(PtyProcess.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int TIOCSWINSZ = 0x5414;
    private static final int TCSANOW = 0;

    /** What the child's owner hears. */
    interface Listener {
        /** Output from the terminal (standard output and error merged, as on any terminal), or standard output. */
        void output(byte[] data);

        /** Standard error, on pipes. */
        default void errorOutput(byte[] data) {
            output(data);
        }

        /**
         * The child ended, and all its output has been given.
         *
         * @param waitStatus its wait status ({@link NativeSpawn#termSignal}, {@link NativeSpawn#exitCode})
         */
        void exited(int waitStatus);
    }

    /** libc, through JNA. */
    private interface LibC extends Library {
        int openpty(int[] master, int[] slave, Pointer name, Pointer termios, Pointer winsize)
                throws LastErrorException;

        int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

        int tcgetattr(int fd, Pointer termios) throws LastErrorException;

        int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;

        String ptsname(int fd);

        long read(int fd, byte[] buffer, long count) throws LastErrorException;

        long write(int fd, byte[] buffer, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int kill(int pid, int signal) throws LastErrorException;
    }

    /** Loaded on first use, so servers without terminals load no native code. */
    private static final class C {
        static final LibC LIB = Native.load("c", LibC.class);
    }

    /** Whether the child is on a terminal (else on pipes). */
    private final boolean terminal;
    /** Where the client's input is written: the terminal's master, or the pipe to the child's standard input. */
    private final int master;
    private int slave = -1;
    private final int pid;
    private final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final AtomicInteger readersLeft;
    private final Object pauseLock = new Object();
    private boolean paused;
    private volatile boolean ended;

    /** Whether terminals can be made here: Linux with util-linux's {@code setsid} and {@link NativeSpawn}. */
    static boolean available() {
        return SETSID.toFile().canExecute() && NativeSpawn.available();
    }

    /**
     * Opens a terminal and starts {@code SHELL -c command} (or an interactive {@code SHELL -i} when the command
     * is null) on it.
     *
     * @param shell the shell that runs the command
     * @param runAs the account the child runs as, or null for the server's own user: the terminal's device is
     *     given to it (owner the account, mode 0620, as {@code sshd} does) and the child started behind
     *     {@link UnixAccount#switchCommand()}
     * @throws IOException if the terminal cannot be opened or the child cannot start
     */
    PtyProcess(ReactorThreads reactor, PtyRequest request, @Nullable String command, String shell,
            @Nullable UnixAccount runAs, Map<String, String> env, Path directory, Listener listener)
            throws IOException {
        int[] m = new int[1];
        int[] s = new int[1];
        try {
            C.LIB.openpty(m, s, null, null, null);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            throw new IOException("openpty failed: " + e.getMessage(), e);
        }
        terminal = true;
        master = m[0];
        slave = s[0];
        String device = C.LIB.ptsname(master);
        try {
            applyModes(request.modes());
            resize(request.columns(), request.rows(), request.widthPixels(), request.heightPixels());
            List<String> argv = new java.util.ArrayList<>();
            if (runAs != null) {
                Path tty = Path.of(device);
                Files.setAttribute(tty, "unix:uid", runAs.uid());
                Files.setPosixFilePermissions(tty, PosixFilePermissions.fromString("rw--w----"));
                argv.addAll(runAs.switchCommand());
            }
            String login = "exec 0<>" + ProcessUser.shellQuote(device) + " 1>&0 2>&0; exec "
                    + ProcessUser.shellQuote(shell) + (command == null ? " -i" : " -c \"$0\"");
            argv.addAll(List.of(SETSID.toString(), "/bin/sh", "-c", login));
            if (command != null) {
                argv.add(command);
            }
            pid = NativeSpawn.spawn(argv, env, directory, slave, slave, slave);
        } catch (IOException | RuntimeException e) {
            closeQuietly(slave);
            closeQuietly(master);
            throw e instanceof IOException io ? io : new IOException(e);
        }
        readersLeft = new AtomicInteger(1);
        startWaiter(device);
        Thread.ofPlatform().daemon().name("pty-read-" + device)
                .start(() -> readLoop(reactor, master, listener::output, listener));
        Thread.ofPlatform().daemon().name("pty-write-" + device).start(this::writeLoop);
    }

    private PtyProcess(ReactorThreads reactor, List<String> argv, Map<String, String> env, Path directory,
            Listener listener) throws IOException {
        terminal = false;
        int[] in = NativeSpawn.pipe();
        int[] out;
        int[] err;
        try {
            out = NativeSpawn.pipe();
        } catch (IOException e) {
            closeQuietly(in[0]);
            closeQuietly(in[1]);
            throw e;
        }
        try {
            err = NativeSpawn.pipe();
        } catch (IOException e) {
            closeAll(in[0], in[1], out[0], out[1]);
            throw e;
        }
        try {
            pid = NativeSpawn.spawn(argv, env, directory, in[0], out[1], err[1]);
        } catch (IOException | RuntimeException e) {
            closeAll(in[0], in[1], out[0], out[1], err[0], err[1]);
            throw e instanceof IOException io ? io : new IOException(e);
        }
        closeAll(in[0], out[1], err[1]);
        master = in[1];
        readersLeft = new AtomicInteger(2);
        String name = "pipes-" + pid;
        startWaiter(name);
        Thread.ofPlatform().daemon().name("read-" + name)
                .start(() -> readLoop(reactor, out[0], listener::output, listener));
        Thread.ofPlatform().daemon().name("read-err-" + name)
                .start(() -> readLoop(reactor, err[0], listener::errorOutput, listener));
        Thread.ofPlatform().daemon().name("write-" + name).start(this::writeLoop);
    }

    /**
     * Starts {@code argv} (its first element the program's absolute path) on pipes: standard input, output and
     * error apart, as {@code sshd} runs a command without a terminal.
     *
     * @throws IOException if a pipe cannot be made or the child cannot start
     */
    static PtyProcess onPipes(ReactorThreads reactor, List<String> argv, Map<String, String> env, Path directory,
            Listener listener) throws IOException {
        return new PtyProcess(reactor, argv, env, directory, listener);
    }

    private void startWaiter(String name) {
        Thread.ofPlatform().daemon().name("wait-" + name).start(() -> {
            int waitStatus = NativeSpawn.waitFor(pid);
            // The child is gone: drop our own hold on the terminal, so the reader sees the end after the rest.
            synchronized (this) {
                closeQuietly(slave);
                slave = -1;
            }
            status.complete(waitStatus);
        });
    }

    private void readLoop(ReactorThreads reactor, int fd, java.util.function.Consumer<byte[]> sink,
            Listener listener) {
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            synchronized (pauseLock) {
                while (paused && !ended) {
                    try {
                        pauseLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            long n;
            try {
                n = C.LIB.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                n = -1;   // EIO: every slave descriptor is closed
            }
            if (n <= 0) {
                break;
            }
            byte[] chunk = java.util.Arrays.copyOf(buffer, (int) n);
            reactor.callFromThread(() -> sink.accept(chunk));
        }
        if (!terminal) {
            closeQuietly(fd);
        }
        if (readersLeft.decrementAndGet() > 0) {
            return;
        }
        int waitStatus;
        try {
            waitStatus = status.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            return;
        }
        ended = true;
        input.add(new byte[0]);   // the writer closes its descriptor once it has nothing more under way
        reactor.callFromThread(() -> listener.exited(waitStatus));
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] data = input.take();
                if (data.length == 0) {
                    closeQuietly(master);
                    return;
                }
                int at = 0;
                while (at < data.length) {
                    byte[] rest = at == 0 ? data : java.util.Arrays.copyOfRange(data, at, data.length);
                    at += (int) C.LIB.write(master, rest, rest.length);
                }
            }
        } catch (LastErrorException e) {
            LOG.debug("Child input stopped: {error}", "error", e.getMessage());
            if (!terminal) {
                closeQuietly(master);   // the child closed its input: it reads no more
            }
            while (!ended) {
                try {
                    input.take();
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (terminal) {
                closeQuietly(master);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Types what the client sent. */
    void write(ByteBuffer data) {
        if (!ended && data.hasRemaining()) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            input.add(copy);
        }
    }

    /**
     * The client's EOF: on a terminal its end-of-file character is typed (Control-D), as sshd does for a terminal
     * session; on pipes the child's standard input is closed once what was written has gone.
     */
    void endOfInput() {
        if (terminal) {
            write(ByteBuffer.wrap(new byte[] {4}));
        } else if (!ended) {
            input.add(new byte[0]);
        }
    }

    /** Sets the terminal's size ({@code TIOCSWINSZ}); the foreground process group gets {@code SIGWINCH}. */
    void resize(int columns, int rows, int widthPixels, int heightPixels) {
        if (ended || !terminal) {
            return;
        }
        Memory size = new Memory(8);
        size.setShort(0, (short) rows);
        size.setShort(2, (short) columns);
        size.setShort(4, (short) widthPixels);
        size.setShort(6, (short) heightPixels);
        try {
            C.LIB.ioctl(master, TIOCSWINSZ, size);
        } catch (LastErrorException e) {
            LOG.debug("TIOCSWINSZ failed: {error}", "error", e.getMessage());
        }
    }

    /** Sends a signal to the child's process group on a terminal, to the child on pipes. */
    boolean signal(int number) {
        if (ended || status.isDone()) {
            return false;
        }
        try {
            C.LIB.kill(terminal ? -pid : pid, number);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Output held back until {@link #resumeOutput()}. */
    void pauseOutput() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    /** Output flows again. */
    void resumeOutput() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Whether the child has exited and its output has been read. */
    boolean ended() {
        return ended;
    }

    /** Applies the encoded terminal modes of RFC 4254 section 8 that Linux has ({@link TerminalModes}). */
    private void applyModes(byte[] modes) {
        Memory termios = new Memory(TerminalModes.TERMIOS_SIZE + 4);
        try {
            C.LIB.tcgetattr(slave, termios);
        } catch (LastErrorException e) {
            return;
        }
        byte[] octets = termios.getByteArray(0, TerminalModes.TERMIOS_SIZE);
        TerminalModes.apply(octets, modes);
        termios.write(0, octets, 0, octets.length);
        try {
            C.LIB.tcsetattr(slave, TCSANOW, termios);
        } catch (LastErrorException e) {
            LOG.debug("tcsetattr failed: {error}", "error", e.getMessage());
        }
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            closeQuietly(fd);
        }
    }

    private static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            C.LIB.close(fd);
        } catch (LastErrorException e) {
            // Closed already.
        }
    }
}
