package org.twisted4j.conch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.sftp.SftpServer;
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
 * <h2>Threading</h2>
 * Register before serving; the factory runs on the reactor thread.
 */
public final class SftpSubsystem {

    /** The subsystem's name, as {@code sftp} and {@code scp -s} ask for it. */
    public static final String NAME = "sftp";

    private static final Logger LOG = new Logger(SftpSubsystem.class.getName());

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
     * Registers {@link #NAME} in a registry.
     *
     * @return the registry
     */
    public static SubsystemRegistry register(SubsystemRegistry registry, ReactorThreads threads,
            Function<ConchUser, @Nullable Path> roots) {
        return registry.register(NAME, factory(threads, roots));
    }
}
