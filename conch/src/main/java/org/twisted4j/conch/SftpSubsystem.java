package org.twisted4j.conch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.conch.sftp.SftpServer;
import org.twisted4j.conch.sftp.SftpStdio;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * The {@code sftp} subsystem (Twisted's {@code SFTPServerForUnixConchUser} behind {@code FileTransferServer}): an
 * {@link SftpServer} on the session channel, confined to the user's root.
 *
 * <pre>{@code
 * SftpSubsystem.register(factory.subsystems(), reactor, user -> ((ProcessUser) user).home());
 * }</pre>
 *
 * <p>The channel is the server's transport, so its window is the back-pressure both ways: when the client stops
 * adjusting the window the server's replies back up in the channel, the channel pauses the server (its
 * registered producer) and the server takes no new requests until the window opens; when too many requests are in
 * flight the server pauses the channel, which then holds the client's window back.
 *
 * <p>That server runs with the server's rights. For a system account other than the server's own, serve SFTP as
 * {@code sshd} does, in a child process with the account's rights: {@link ProcessUser#subsystemProcess} with
 * {@link #stdioCommand} ({@code twist conch} does).
 *
 * <h2>Threading</h2>
 * Register before serving; the factory runs on the reactor thread.
 */
public final class SftpSubsystem {

    /** The subsystem's name, as {@code sftp} and {@code scp -s} ask for it. */
    public static final String NAME = "sftp";

    private static final Logger LOG = new Logger(SftpSubsystem.class.getName());

    /**
     * Options of the JVM {@link #stdioCommand} starts, for a quick start: one session's server needs neither a
     * parallel collector nor a large heap.
     */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xss512k");

    private SftpSubsystem() {
    }

    /**
     * Returns a factory of SFTP servers.
     *
     * @param threads runs the file system work (the reactor)
     * @param roots each user's root directory, or null to refuse the user SFTP
     */
    public static SubsystemRegistry.Factory factory(ReactorThreads threads,
            Function<ConchUser, @Nullable Path> roots) {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(roots, "roots");
        return user -> {
            Path root = roots.apply(user);
            if (root == null) {
                return null;
            }
            try {
                return new SftpServer(threads, root);
            } catch (IOException e) {
                LOG.info("SFTP refused to {user}: root {root} is not a directory", "user", user.username(),
                        "root", root);
                return null;
            }
        };
    }

    /**
     * Returns the command line that serves SFTP on standard input and output in a new JVM ({@link SftpStdio}):
     * this JVM's {@code java} serving {@code root} from {@code home}, for {@link ProcessUser#subsystemProcess} to
     * run as another account, as {@code sshd} runs {@code sftp-server}. Its class path is where this module's and
     * core's classes were loaded from (a directory or a jar each; one that other accounts cannot reach, such as a
     * jar under a private home directory, is first copied once where they can, on a thread of {@code threads},
     * so the reactor thread never waits for the copy); in a runtime image that holds the modules (jlink), it runs
     * the module instead.
     *
     * @param threads where the class path is checked and copied (the reactor)
     * @param root the directory served as the client's {@code /}
     * @param home where relative paths start, as the client sees it (an absolute path below the root)
     * @return the command line, fired on the reactor thread; failed with an {@link java.io.UncheckedIOException}
     *     if a class path entry could not be copied
     */
    public static Deferred<List<String>> stdioCommand(ReactorThreads threads, Path root, String home) {
        List<Path> locations = new ArrayList<>();
        for (Class<?> needed : List.of(SftpStdio.class, NioReactor.class)) {
            Path location = codeLocation(needed);
            if (location == null) {
                return Deferred.succeed(command(List.of("--module",
                        SftpStdio.class.getModule().getName() + "/" + SftpStdio.class.getName()), root, home));
            }
            if (!locations.contains(location)) {
                locations.add(location);
            }
        }
        return SharedClassPath.readableByAll(threads, locations).addCallback(entries -> command(List.of("-cp",
                String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).distinct().toList()),
                SftpStdio.class.getName()), root, home));
    }

    /** The child's command line: {@code java}, its options, what to run, the root and the home. */
    private static List<String> command(List<String> main, Path root, String home) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(CHILD_JVM_OPTIONS);
        argv.addAll(main);
        argv.add(root.toString());
        argv.add(home);
        return argv;
    }

    /** The directory or jar a class was loaded from, or null if it is not a file (a runtime image's module). */
    private static @Nullable Path codeLocation(Class<?> type) {
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Registers {@link #NAME} in a registry.
     *
     * @return the registry
     */
    public static SubsystemRegistry register(SubsystemRegistry registry, ReactorThreads threads,
            Function<ConchUser, @Nullable Path> roots) {
        return registry.register(NAME, factory(threads, roots));
    }
}
