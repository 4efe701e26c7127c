package org.twisted4j.conch.client;

import org.twisted4j.conch.transport.HostKeyRefused;

/**
 * The user answered "no" when asked to trust a server's key that {@code known_hosts} does not hold (Twisted's
 * {@code UserRejectedKey}), or there was nobody to ask.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class UserRejectedKey extends HostKeyRefused {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message which host and key
     */
    public UserRejectedKey(String message) {
        super(message);
    }
}
