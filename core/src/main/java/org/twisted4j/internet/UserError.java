package org.twisted4j.internet;

/**
 * The connection attempt was called off by this side through {@link Connector#stopConnecting()} or
 * {@link Connector#disconnect()}, as Twisted's {@code twisted.internet.error.UserError}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class UserError extends ConnectError {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a standard message. */
    public UserError() {
        super("the connection attempt was stopped by the user");
    }
}
