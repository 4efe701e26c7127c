package org.twisted4j.internet;

/**
 * Nothing accepted the connection at the destination: the peer answered with a refusal (nothing listens on
 * that port), as Twisted's {@code twisted.internet.error.ConnectionRefusedError}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ConnectionRefusedError extends ConnectError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for a destination.
     *
     * @param destination the address that refused, for the message
     */
    public ConnectionRefusedError(Address destination) {
        super("connection to " + destination + " was refused by the other side");
    }
}
