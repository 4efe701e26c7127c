package org.twisted4j.internet;

import java.nio.file.Path;

/**
 * The UNIX socket file is no good: the connection was asked to check that a running server holds the
 * socket's lock file, and none does, as Twisted's {@code twisted.internet.error.BadFileError}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class BadFileError extends ConnectError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for a socket path.
     *
     * @param path the socket that was to be connected to
     */
    public BadFileError(Path path) {
        super("no running server holds the lock of the UNIX socket " + path);
    }
}
