package org.twisted4j.internet;

/**
 * The "clean close" reason: the connection ended in an orderly way, as Twisted's
 * {@code twisted.internet.error.ConnectionDone}.
 *
 * <p>{@link Protocol#connectionLost} receives a {@link org.twisted4j.defer.Failure} wrapping this when this
 * side called {@link Transport#loseConnection()} and its data went out, or when the peer closed its end
 * without error (end of stream). It is the normal way for a connection to end, not a problem; any other
 * reason is a {@link ConnectionLost}.
 *
 * <pre>{@code
 * public void connectionLost(Failure reason) {
 *     if (reason.check(ConnectionDone.class) == null) {
 *         log.warn("connection lost: {why}", "why", reason.getErrorMessage());
 *     }
 * }
 * }</pre>
 *
 * <p>It has no stack trace: one is made for every connection that ends, and where the reactor noticed the
 * close says nothing about it.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ConnectionDone extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    /** Creates the reason with a standard message. */
    public ConnectionDone() {
        this("the connection was closed cleanly");
    }

    /**
     * Creates the reason with a message.
     *
     * @param message what happened, for people reading logs
     */
    public ConnectionDone(String message) {
        super(message, false);
    }
}
