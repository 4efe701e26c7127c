package org.twisted4j.internet;

/**
 * The connection ended in an unclean way: reset by the peer, broken by an I/O error or aborted, as Twisted's
 * {@code twisted.internet.error.ConnectionLost}. Data still waiting to be sent may not have arrived.
 *
 * <p>The clean counterpart is {@link ConnectionDone}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public class ConnectionLost extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    /** Creates the reason with a standard message. */
    public ConnectionLost() {
        this("the connection to the other side was lost in a non-clean fashion");
    }

    /**
     * Creates the reason with a message.
     *
     * @param message what happened, for people reading logs
     */
    public ConnectionLost(String message) {
        super(message);
    }

    /**
     * Creates the reason with a message and the error behind it.
     *
     * @param message what happened, for people reading logs
     * @param cause the error that broke the connection, such as an {@link java.io.IOException}
     */
    public ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
