package org.twisted4j.conch.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.UnixAccount;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.logger.Logger;

/**
 * The server's side of agent forwarding for one session ({@code auth-agent-req@openssh.com}, as OpenSSH's sshd):
 * a UNIX socket (mode 0600) in a new directory (mode 0700) only the session's user may enter, named to the session
 * as {@code SSH_AUTH_SOCK}; each connection to it opens an {@code auth-agent@openssh.com} channel to the client,
 * which relays it to the client's agent. Stopped, with its directory removed, when the session's channel closes.
 *
 * <p>When the session runs as another operating system account than the server's
 * ({@link org.twisted4j.conch.ConchUser#sessionAccount()}, a server running as root), the directory and the socket
 * are given to that account (its uid and gid), as sshd makes them as the user; where that fails the request is
 * refused.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class AgentForwarding {
    private static final Logger LOG = Logger.forClass(AgentForwarding.class);

    private final ListeningPort port;
    private final Path directory;
    private final Path socket;

    private AgentForwarding(ListeningPort port, Path directory, Path socket) {
        this.port = port;
        this.directory = directory;
        this.socket = socket;
    }

    /**
     * Starts forwarding for a session, if the user may forward an agent, the reactor serves UNIX sockets and the
     * session takes the socket.
     *
     * @return the forwarding, or null when refused
     */
    static @Nullable AgentForwarding start(SshConnection connection, Session session) {
        ReactorTCP reactor = connection.reactor();
        if (!(reactor instanceof ReactorUnix unix) || !connection.avatar().allowsAgentForwarding()) {
            return null;
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("agent forwarding refused: no private directory ({error})", "error", String.valueOf(e));
            return null;
        }
        Path socket = directory.resolve("agent.sock");
        ListeningPort port;
        try {
            port = unix.listenUNIX(socket, TcpForwardingChannel.agentFactory(connection), ReactorTCP.DEFAULT_BACKLOG,
                    0600, false);
        } catch (RuntimeException e) {
            LOG.info("agent forwarding refused: cannot listen on {socket} ({error})", "socket", socket.toString(),
                    "error", String.valueOf(e.getMessage()));
            delete(socket, directory);
            return null;
        }
        AgentForwarding forwarding = new AgentForwarding(port, directory, socket);
        UnixAccount account = connection.avatar().sessionAccount();
        if (account != null) {
            try {
                giveTo(account, directory);
                giveTo(account, socket);
            } catch (IOException | RuntimeException e) {
                LOG.info("agent forwarding refused: cannot give {directory} to {user} ({error})", "directory",
                        directory.toString(), "user", account.name(), "error", String.valueOf(e));
                forwarding.stop();
                return null;
            }
        }
        if (!session.agentForwarded(socket)) {
            forwarding.stop();
            return null;
        }
        return forwarding;
    }

    /** Makes the account the file's owner and group (which needs a server running as root). */
    private static void giveTo(UnixAccount account, Path file) throws IOException {
        Files.setAttribute(file, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Stops listening and removes the socket and its directory; connections already forwarded go on. */
    void stop() {
        port.stopListening().addBoth(ignored -> {
            delete(socket, directory);
            return null;
        });
    }

    private static void delete(Path socket, Path directory) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.info("cannot remove {directory}: {error}", "directory", directory.toString(), "error",
                    String.valueOf(e.getMessage()));
        }
    }
}
