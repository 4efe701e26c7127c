package org.twisted4j.conch.transport;

/**
 * Why a client ended a connection during the key exchange: the server's host key was not trusted. Verifiers
 * that know more (a key that changed, a revoked key) fail with their own exceptions instead.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public class HostKeyRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message why the key was refused
     */
    public HostKeyRefused(String message) {
        super(message);
    }
}
