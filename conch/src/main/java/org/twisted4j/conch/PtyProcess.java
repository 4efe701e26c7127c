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
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * A child process on a real pseudo-terminal of its own, for sessions with a {@code pty-req}.
 *
 * <p>The terminal is made with libc's {@code openpty} through JNA; the request's size is set with
 * {@code TIOCSWINSZ} and its encoded modes (RFC 4254 section 8: ECHO, ICANON, ISIG and the rest of the local,
 * input and output flags, the control characters) with {@code tcsetattr}. The JVM cannot fork, so the child is
 * started by util-linux's {@code setsid(1)}, which makes it the leader of a new session, and a {@code /bin/sh}
 * there opens the terminal's device as its standard input, output and error: a session leader with no
 * controlling terminal that opens a terminal gets it as its controlling terminal, so the command runs exactly as
 * under {@code sshd}, with job control and {@code /dev/tty}. The JVM itself only ever holds the terminal opened
 * with {@code O_NOCTTY}. Later {@code window-change}s resize the terminal (the kernel sends the foreground
 * process group {@code SIGWINCH}); signals go to the child's process group.
 *
 * <p>Output is read by one platform thread blocked in {@code read(2)} on the master and handed to the reactor;
 * input is written by another, so a child that does not read never blocks the reactor.
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
        /** Output from the terminal (standard output and error merged, as on any terminal). */
        void output(byte[] data);

        /** The child exited with this status, and all its output has been given. */
        void exited(int status);
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

    private final int master;
    private int slave;
    private final Process process;
    private final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final Object pauseLock = new Object();
    private boolean paused;
    private volatile boolean ended;

    /** Whether terminals can be made here: Linux with util-linux's {@code setsid}. */
    static boolean available() {
        return System.getProperty("os.name", "").equals("Linux") && SETSID.toFile().canExecute();
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
            ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(slave);
            closeQuietly(master);
            throw e instanceof IOException io ? io : new IOException(e);
        }
        Thread.ofPlatform().daemon().name("pty-read-" + device).start(() -> readLoop(reactor, listener));
        Thread.ofPlatform().daemon().name("pty-write-" + device).start(this::writeLoop);
        process.onExit().thenRun(() -> {
            // The child is gone: drop our own hold on the terminal, so the reader sees the end after the rest.
            synchronized (this) {
                closeQuietly(slave);
                slave = -1;
            }
        });
    }

    private void readLoop(ReactorThreads reactor, Listener listener) {
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
                n = C.LIB.read(master, buffer, buffer.length);
            } catch (LastErrorException e) {
                n = -1;   // EIO: every slave descriptor is closed
            }
            if (n <= 0) {
                break;
            }
            byte[] chunk = java.util.Arrays.copyOf(buffer, (int) n);
            reactor.callFromThread(() -> listener.output(chunk));
        }
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ended = true;
        input.add(new byte[0]);   // the writer closes the master once it has nothing more under way
        reactor.callFromThread(() -> listener.exited(status));
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
            LOG.debug("Terminal input stopped: {error}", "error", e.getMessage());
            while (!ended) {
                try {
                    input.take();
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            closeQuietly(master);
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

    /** Sends the terminal's end-of-file character (the client's EOF), as sshd does for a terminal session. */
    void endOfInput() {
        write(ByteBuffer.wrap(new byte[] {4}));
    }

    /** Sets the terminal's size ({@code TIOCSWINSZ}); the foreground process group gets {@code SIGWINCH}. */
    void resize(int columns, int rows, int widthPixels, int heightPixels) {
        if (ended) {
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

    /** Sends a signal to the child's process group. */
    boolean signal(int number) {
        if (ended) {
            return false;
        }
        try {
            C.LIB.kill(-(int) process.pid(), number);
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
