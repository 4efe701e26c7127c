package org.twisted4j.internet;

/**
 * This side ended the connection with {@link Transport#abortConnection()}, as Twisted's
 * {@code twisted.internet.error.ConnectionAborted}: unsent data was dropped. The peer sees a
 * {@link ConnectionLost}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ConnectionAborted extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    /** Creates the reason with a standard message. */
    public ConnectionAborted() {
        super("the connection was aborted by this side");
    }
}
