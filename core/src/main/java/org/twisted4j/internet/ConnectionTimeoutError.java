package org.twisted4j.internet;

/**
 * An outgoing connection was not made within its timeout, as Twisted's
 * {@code twisted.internet.error.TimeoutError} for connections: the attempt was called off by this side.
 * {@link ClientFactory#clientConnectionFailed} receives it inside a {@link org.twisted4j.defer.Failure}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ConnectionTimeoutError extends ConnectError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param destination where the connection was going, for the message
     * @param timeout the timeout that passed, in seconds
     */
    public ConnectionTimeoutError(Address destination, double timeout) {
        super("connecting to " + destination + " took longer than " + timeout + " seconds");
    }
}
