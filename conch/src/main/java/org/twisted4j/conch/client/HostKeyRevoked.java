package org.twisted4j.conch.client;

import org.twisted4j.conch.transport.HostKeyRefused;

/**
 * The server's key is marked {@code @revoked} in {@code known_hosts}: it is refused whatever else the file says.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class HostKeyRevoked extends HostKeyRefused {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message which key, and the file's line that revokes it
     */
    public HostKeyRevoked(String message) {
        super(message);
    }
}
