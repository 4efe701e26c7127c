package org.twisted4j.internet;

/**
 * The reason a connection ended, passed to {@link Protocol#connectionLost} inside a
 * {@link org.twisted4j.defer.Failure}, as Twisted's {@code twisted.internet.error.ConnectionClosed}.
 *
 * <p>Its two kinds say how it ended: {@link ConnectionDone} for a clean close and {@link ConnectionLost}
 * for anything else. Trap this type to treat both alike:
 *
 * <pre>{@code
 * public void connectionLost(Failure reason) {
 *     reason.trap(ConnectionClosed.class); // anything else is a bug worth seeing
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public class ConnectionClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the reason with a message.
     *
     * @param message what happened, for people reading logs
     */
    public ConnectionClosed(String message) {
        super(message);
    }

    /**
     * Creates the reason with a message, with or without a stack trace.
     *
     * @param message what happened, for people reading logs
     * @param writableStackTrace false for a reason that is not an error, whose stack (where the reactor noticed
     *     the close) tells nothing: it is then not filled in, which costs more than the rest of the object
     */
    protected ConnectionClosed(String message, boolean writableStackTrace) {
        super(message, null, true, writableStackTrace);
    }

    /**
     * Creates the reason with a message and the lower-level error behind it.
     *
     * @param message what happened, for people reading logs
     * @param cause the error that closed the connection, such as an {@link java.io.IOException}
     */
    public ConnectionClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
