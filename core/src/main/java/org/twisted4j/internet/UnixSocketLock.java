package org.twisted4j.internet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The lock file of a UNIX socket's path, as Twisted's {@code wantPID} and {@code checkPID}: a
 * {@code PATH.lock} symbolic link naming the process id of the server listening at {@code PATH}. A server that
 * takes it refuses to start while another running process holds it, and removes the socket file a dead holder
 * left behind; a client that checks it refuses to connect when no running process holds it. The layout is
 * Twisted's, so a twisted4j server and a Twisted one respect each other's locks. Every reactor backend's
 * {@code listenUNIX} and {@code connectUNIX} use it.
 *
 * <pre>{@code
 * UnixSocketLock lock = UnixSocketLock.take(path);   // before binding
 * ...
 * lock.release();                                    // after the socket file is removed
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread; each call touches the file system.
 */
public final class UnixSocketLock {
    /** The file type bits of a {@code unix:mode}, and their value for a socket. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path socket;
    private final FilesystemLock lock;

    private UnixSocketLock(Path socket, FilesystemLock lock) {
        this.socket = socket;
        this.lock = lock;
    }

    /**
     * Returns where the lock file of the socket at {@code socket} lives: beside it, named {@code NAME.lock}.
     *
     * @param socket the socket's path
     * @return the lock's path
     */
    public static Path lockPath(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code socket} for this process, before binding it: a stale lock (its process no longer
     * runs) is broken, and the socket file its holder left behind is removed.
     *
     * @param socket the socket's path
     * @return the lock, to {@link #release} once the socket file is removed
     * @throws IOException if another running process holds the lock (the message says so), or the file system
     *     refuses
     */
    public static UnixSocketLock take(Path socket) throws IOException {
        Path path = lockPath(socket);
        FilesystemLock taken = new FilesystemLock(path);
        if (!taken.lock()) {
            throw new IOException("another running process holds the lock " + path);
        }
        if (!taken.clean()) {
            removeStaleSocket(socket);
        }
        return new UnixSocketLock(socket, taken);
    }

    /**
     * Returns whether a running process (this one included) holds the lock of {@code socket}, as a client's
     * {@code checkPID} asks before connecting.
     *
     * @param socket the socket's path
     * @return whether the lock is held
     * @throws IOException if the file system refuses
     */
    public static boolean isHeld(Path socket) throws IOException {
        return FilesystemLock.isLocked(lockPath(socket));
    }

    /**
     * Releases the lock.
     *
     * @throws IOException if the file system refuses
     * @throws IllegalStateException if this process no longer holds it
     */
    public void release() throws IOException {
        lock.unlock();
    }

    /** Removes the socket file a server that died without cleaning up left behind, if it is there. */
    private static void removeStaleSocket(Path socket) {
        try {
            if (Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS) instanceof Integer fileMode
                    && (fileMode & S_IFMT) == S_IFSOCK) {
                Files.delete(socket);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: if something is still in the way, binding fails and says so.
        }
    }

    @Override
    public String toString() {
        return "UnixSocketLock[" + lockPath(socket) + "]";
    }
}
