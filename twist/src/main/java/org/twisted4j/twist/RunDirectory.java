package org.twisted4j.twist;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * {@code twistd --rundir} and {@code --chroot}: where the process runs, and under which root.
 *
 * <h2>{@code --rundir DIR}</h2>
 * A JVM reads its working directory once, at start ({@code user.dir}), and resolves every relative path against
 * that value; a {@code chdir(2)} behind its back would send {@code open("x")} to the new directory while
 * {@code Path.of("x").toAbsolutePath()} still names the old one. So the process changes directory and then
 * replaces itself ({@code execve(2)}, through JNA) with the same JVM, the same JVM options, an absolute class
 * path and the same arguments: the process id stays (a supervisor, a pidfile and systemd's {@code LISTEN_PID}
 * still match), and the new JVM starts in {@code DIR}, where every relative path of the command line (the log
 * file, the pidfile, a plugin's paths) is resolved. The new JVM knows it has been moved by an environment
 * variable naming its own process id, so neither it nor a process it starts moves again by mistake.
 *
 * <h2>{@code --chroot DIR}</h2>
 * Done in the running JVM, after the service is built and the log file opened and before the pidfile is written
 * and the ports bound, as Twisted does: every jar of the class path is opened first (a JVM keeps its jars open
 * and reads classes from them on demand, so they keep working inside the new root), the classes in class
 * directories are loaded, and what the JDK reads on first use is read (its random source, its time-zone rules,
 * its networking libraries, its security configuration and trusted certificates);
 * then {@code chroot(2)} and {@code chdir(2)} to the run directory inside the new root ({@code /} unless
 * {@code --rundir} says otherwise). It needs root. Inside the new root the JVM still reports its old working
 * directory as {@code user.dir}, so paths given after a chroot should be absolute (and name files inside it);
 * name lookups read the new root's {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/nsswitch.conf},
 * as for any chrooted daemon.
 *
 * <p>Threading: called on the main thread before the reactor runs.
 */
final class RunDirectory {

    /** Set in the environment of the JVM that replaced itself to run in its run directory: its process id. */
    static final String MOVED_ENV = "TWISTED4J_TWISTD_MOVED";

    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    /** The libc calls used, through JNA. */
    private interface LibC extends Library {
        int chdir(String path) throws LastErrorException;

        int chroot(String path) throws LastErrorException;

        int fcntl(int fd, int command, int argument) throws LastErrorException;

        int execve(String path, String[] argv, String[] envp) throws LastErrorException;
    }

    /** Loaded on first use, so that nothing native is loaded unless a feature needs it. */
    private static final class Native0 {
        static final LibC C = Native.load("c", LibC.class);
    }

    private RunDirectory() {
    }

    /** Whether this JVM is the one a {@link #moveTo} started (and so already runs in its run directory). */
    static boolean moved() {
        return String.valueOf(ProcessHandle.current().pid()).equals(System.getenv(MOVED_ENV));
    }

    /**
     * Changes to {@code dir} and replaces this JVM with the same command run there; returns only if that fails.
     *
     * @param dir the run directory
     * @param args this command's arguments, run again as they are
     * @param mainClass the class whose {@code main} the new JVM runs
     * @return the reason it failed
     */
    static String moveTo(Path dir, List<String> args, Class<?> mainClass) {
        if (!Files.isDirectory(dir)) {
            return "--rundir: no such directory: " + dir;
        }
        List<String> command = javaCommand(args, mainClass, true);
        Map<String, String> environment = new TreeMap<>(System.getenv());
        environment.put(MOVED_ENV, String.valueOf(ProcessHandle.current().pid()));
        String[] envp = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        LibC c = Native0.C;
        closeOnExec(c);
        System.out.flush();
        System.err.flush();
        try {
            c.chdir(dir.toAbsolutePath().toString());
        } catch (LastErrorException e) {
            return "cannot change to " + dir + ": " + e.getMessage();
        }
        try {
            c.execve(command.get(0), command.toArray(String[]::new), envp);
            return "cannot start " + command.get(0) + ": execve returned";
        } catch (LastErrorException e) {
            // the directory has changed under this JVM: nothing more may be done here but stop
            return "cannot start " + command.get(0) + " in " + dir + ": " + e.getMessage();
        }
    }

    /**
     * Returns the command that runs {@code mainClass} with {@code args} in a JVM like this one: its {@code java},
     * its class and module paths made absolute, and the options it was started with if {@code sameOptions}.
     */
    static List<String> javaCommand(List<String> args, Class<?> mainClass, boolean sameOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (sameOptions) {
            command.addAll(jvmOptions());
        }
        String modulePath = System.getProperty("jdk.module.path");
        String classPath = absolute(System.getProperty("java.class.path", ""));
        if (modulePath != null && mainClass.getModule().isNamed()) {
            command.addAll(List.of("-p", absolute(modulePath)));
            if (!classPath.isEmpty()) {
                command.addAll(List.of("-cp", classPath));
            }
            command.addAll(List.of("-m", mainClass.getModule().getName() + "/" + mainClass.getName()));
        } else {
            command.addAll(List.of("-cp", classPath, mainClass.getName()));
        }
        command.addAll(args);
        return command;
    }

    /** Returns the options this JVM was started with, but those the launcher reads again from the environment. */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String fromEnvironment = System.getenv("JDK_JAVA_OPTIONS");
        if (fromEnvironment != null) {
            List<String> again = Arrays.asList(fromEnvironment.strip().split("\\s+"));
            if (options.size() >= again.size() && options.subList(0, again.size()).equals(again)) {
                options.subList(0, again.size()).clear();
            }
        }
        options.removeIf(option -> option.startsWith("-Djava.class.path=") || option.startsWith("-Duser.dir="));
        return options;
    }

    private static String absolute(String path) {
        if (path.isEmpty()) {
            return path;
        }
        return Stream.of(path.split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Marks the files this JVM opened (its jars, its runtime image, anything under its home or class path) to be
     * closed by the exec; sockets, pipes and files inherited from the parent (a systemd socket) stay open.
     */
    private static void closeOnExec(LibC c) {
        List<String> own = new ArrayList<>(List.of(System.getProperty("java.home")));
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            for (String entry : absolute(System.getProperty(property, "")).split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    own.add(entry);
                }
            }
        }
        File[] descriptors = new File("/proc/self/fd").listFiles();
        if (descriptors == null) {
            return;
        }
        for (File descriptor : descriptors) {
            int fd;
            String target;
            try {
                fd = Integer.parseInt(descriptor.getName());
                target = Files.readSymbolicLink(descriptor.toPath()).toString();
            } catch (NumberFormatException | IOException e) {
                continue;
            }
            if (fd > 2 && (target.startsWith("anon_inode:") || own.stream().anyMatch(target::startsWith))) {
                try {
                    c.fcntl(fd, F_SETFD, c.fcntl(fd, F_GETFD, 0) | FD_CLOEXEC);
                } catch (LastErrorException e) {
                    // closed meanwhile (the directory listing's own descriptor)
                }
            }
        }
    }

    /**
     * Makes {@code root} the process's root directory and {@code rundir} (inside it) its working directory, once
     * what the JVM reads lazily has been read.
     *
     * @param root the new root
     * @param rundir the working directory inside the new root, {@code /} when null
     * @throws IllegalStateException if the process cannot change its root (it is not root, say) or directory
     */
    static void chroot(Path root, @Nullable String rundir) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("--chroot: no such directory: " + root);
        }
        preload();
        LibC c = Native0.C;
        try {
            c.chroot(root.toAbsolutePath().toString());
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot chroot to " + root + ": " + e.getMessage()
                    + (e.getErrorCode() == 1 ? " (--chroot needs root)" : ""), e);
        }
        String inside = rundir == null ? "/" : rundir;
        try {
            c.chdir(inside);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot change to " + inside + " inside " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads what the JVM would otherwise read from the file system on first use. */
    private static void preload() {
        ClassLoader loader = RunDirectory.class.getClassLoader();
        // a resource found nowhere makes the class loader open every jar of its path, and it keeps them open
        loader.getResource("org/twisted4j/twist/no-such-resource-opens-every-jar");
        ClassLoader.getSystemClassLoader().getResource("org/twisted4j/twist/no-such-resource-opens-every-jar");
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path directory = Path.of(entry);
            if (!entry.isEmpty() && Files.isDirectory(directory)) {
                loadClassesUnder(directory, loader);
            }
        }
        new java.security.SecureRandom().nextBytes(new byte[16]);
        java.time.ZoneId.systemDefault().getRules();
        java.time.zone.ZoneRulesProvider.getAvailableZoneIds();
        // the networking classes load their native libraries when first used
        try (ServerSocketChannel tcp = ServerSocketChannel.open();
                DatagramChannel udp = DatagramChannel.open();
                SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            tcp.getLocalAddress();
            udp.getLocalAddress();
            unix.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a socket before the chroot: " + e.getMessage(), e);
        }
        try {
            // the security configuration and the trusted certificates, for TLS
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
        }
    }

    /** Loads (without initializing) every class of a class directory, which is read by path on each load. */
    private static void loadClassesUnder(Path directory, ClassLoader loader) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".class") && !file.getFileName().toString()
                    .equals("module-info.class")).forEach(file -> {
                        String relative = directory.relativize(file).toString();
                        String name = relative.substring(0, relative.length() - ".class".length())
                                .replace(File.separatorChar, '.');
                        try {
                            Class.forName(name, false, loader);
                        } catch (ClassNotFoundException | LinkageError e) {
                            // a class of an optional part whose dependencies are absent: never used here
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the classes of " + directory + ": " + e.getMessage(), e);
        }
    }
}
