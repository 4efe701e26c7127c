package org.twisted4j.internet;

/**
 * An outgoing connection could not be made, as Twisted's {@code twisted.internet.error.ConnectError}. A
 * {@link ClientFactory} receives it, inside a {@link org.twisted4j.defer.Failure}, in
 * {@link ClientFactory#clientConnectionFailed}; its subclasses say why.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public class ConnectError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a message.
     *
     * @param message what happened, for people reading logs
     */
    public ConnectError(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the lower-level error behind it.
     *
     * @param message what happened, for people reading logs
     * @param cause the error from the operating system or resolver
     */
    public ConnectError(String message, Throwable cause) {
        super(message, cause);
    }
}
