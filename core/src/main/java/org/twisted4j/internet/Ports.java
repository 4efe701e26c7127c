package org.twisted4j.internet;

/** Checks on port numbers shared by the address types. */
final class Ports {
    /** The largest TCP or UDP port number. */
    static final int MAX_PORT = 65_535;

    private Ports() {
    }

    /**
     * Returns {@code port} if it is a valid port number.
     *
     * @throws IllegalArgumentException if it is outside 0 to 65535
     */
    static int check(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be between 0 and " + MAX_PORT + ", not " + port);
        }
        return port;
    }
}
