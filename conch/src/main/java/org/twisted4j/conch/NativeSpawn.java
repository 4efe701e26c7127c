package org.twisted4j.conch;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a child with libc's {@code posix_spawn} through JNA and waits for it with {@code waitpid}, so the child's
 * real wait status is seen: the JDK's {@link Process} reports a child killed by signal {@code N} as exit value
 * {@code 128 + N}, the same as a child that called {@code exit(128 + N)}, and reaps it itself, so nobody else
 * can ask. A session needs the difference: RFC 4254 section 6.10 ends it with {@code exit-signal}, naming the
 * signal and whether a core was dumped, where {@code sshd} does.
 *
 * <p>The child gets the given descriptors as its standard input, output and error, every other descriptor closed
 * ({@code posix_spawn_file_actions_addclosefrom_np}, so nothing the server holds, such as its listening socket,
 * reaches a user's command), the given working directory ({@code posix_spawn_file_actions_addchdir_np}), the
 * default disposition of every signal and an empty signal mask. Those need glibc 2.34 or later on Linux:
 * {@link #available()} says whether they are here.
 *
 * <h2>Threading</h2>
 * Any thread; {@link #waitFor} blocks until the child ends.
 */
final class NativeSpawn {
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int EINTR = 4;
    /** glibc's posix_spawn_file_actions_t is 80 octets and posix_spawnattr_t 336 on 64-bit Linux: room for more. */
    private static final int OPAQUE_SIZE = 1024;
    private static final int SIGSET_SIZE = 128;

    /** libc, through JNA. */
    private interface LibC extends Library {
        int posix_spawn_file_actions_init(Pointer actions);

        int posix_spawn_file_actions_destroy(Pointer actions);

        int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

        int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

        int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

        int posix_spawnattr_init(Pointer attributes);

        int posix_spawnattr_destroy(Pointer attributes);

        int posix_spawnattr_setflags(Pointer attributes, short flags);

        int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

        int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

        int sigfillset(Pointer set);

        int sigemptyset(Pointer set);

        int posix_spawn(IntByReference pid, String path, Pointer actions, Pointer attributes, StringArray argv,
                StringArray envp);

        int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

        int pipe2(int[] fds, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Loaded on first use. */
    private static final class C {
        static final LibC LIB = Native.load("c", LibC.class);
    }

    private NativeSpawn() {
    }

    /** Probed once. */
    private static final class Probe {
        static final boolean AVAILABLE = probe();
    }

    /** Whether children can be started this way here: Linux, with a glibc that has what this class uses. */
    static boolean available() {
        return Probe.AVAILABLE;
    }

    private static boolean probe() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return false;
        }
        try {
            com.sun.jna.NativeLibrary libc = com.sun.jna.NativeLibrary.getInstance("c");
            libc.getFunction("posix_spawn_file_actions_addclosefrom_np");
            libc.getFunction("posix_spawn_file_actions_addchdir_np");
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts {@code argv} (its first element the program's absolute path).
     *
     * @param stdin the descriptor that becomes the child's 0
     * @param stdout the descriptor that becomes the child's 1
     * @param stderr the descriptor that becomes the child's 2
     * @return the child's process id
     * @throws IOException if {@code posix_spawn} fails (the program missing, not executable...)
     */
    static int spawn(List<String> argv, Map<String, String> env, Path directory, int stdin, int stdout, int stderr)
            throws IOException {
        Memory actions = new Memory(OPAQUE_SIZE);
        Memory attributes = new Memory(OPAQUE_SIZE);
        Memory all = new Memory(SIGSET_SIZE);
        Memory none = new Memory(SIGSET_SIZE);
        check(C.LIB.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(C.LIB.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                check(C.LIB.posix_spawn_file_actions_adddup2(actions, stdin, 0), "adddup2");
                check(C.LIB.posix_spawn_file_actions_adddup2(actions, stdout, 1), "adddup2");
                check(C.LIB.posix_spawn_file_actions_adddup2(actions, stderr, 2), "adddup2");
                check(C.LIB.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
                check(C.LIB.posix_spawn_file_actions_addchdir_np(actions, directory.toString()), "addchdir_np");
                C.LIB.sigfillset(all);
                C.LIB.sigemptyset(none);
                check(C.LIB.posix_spawnattr_setsigdefault(attributes, all), "setsigdefault");
                check(C.LIB.posix_spawnattr_setsigmask(attributes, none), "setsigmask");
                check(C.LIB.posix_spawnattr_setflags(attributes,
                        (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)), "setflags");
                String[] environment = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new);
                IntByReference pid = new IntByReference();
                int error = C.LIB.posix_spawn(pid, argv.get(0), actions, attributes,
                        new StringArray(argv.toArray(String[]::new)), new StringArray(environment));
                if (error != 0) {
                    throw new IOException("cannot start " + argv.get(0) + ": error " + error);
                }
                return pid.getValue();
            } finally {
                C.LIB.posix_spawnattr_destroy(attributes);
            }
        } finally {
            C.LIB.posix_spawn_file_actions_destroy(actions);
        }
    }

    private static void check(int result, String call) throws IOException {
        if (result != 0) {
            throw new IOException(call + " failed: error " + result);
        }
    }

    /**
     * Waits until the child ends and reaps it.
     *
     * @return its wait status, as {@code waitpid} gives it ({@link #exitCode}, {@link #termSignal})
     */
    static int waitFor(int pid) {
        IntByReference status = new IntByReference();
        while (true) {
            try {
                C.LIB.waitpid(pid, status, 0);
                return status.getValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw new IllegalStateException("waitpid(" + pid + ") failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Makes a pipe, both ends close-on-exec: {@code [read, write]}. */
    static int[] pipe() throws IOException {
        int[] fds = new int[2];
        try {
            C.LIB.pipe2(fds, 0x80000);   // O_CLOEXEC
        } catch (LastErrorException e) {
            throw new IOException("pipe2 failed: " + e.getMessage(), e);
        }
        return fds;
    }

    /** The signal that killed the child, or 0 if it exited ({@code WTERMSIG}, when {@code WIFSIGNALED}). */
    static int termSignal(int status) {
        int signal = status & 0x7f;
        return signal != 0 && signal != 0x7f ? signal : 0;
    }

    /** The child's exit code ({@code WEXITSTATUS}), meaningful when {@link #termSignal} is 0. */
    static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    /** Whether the child dumped a core as it died ({@code WCOREDUMP}). */
    static boolean coreDumped(int status) {
        return termSignal(status) != 0 && (status & 0x80) != 0;
    }
}
