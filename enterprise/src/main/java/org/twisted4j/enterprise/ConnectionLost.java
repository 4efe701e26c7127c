package org.twisted4j.enterprise;

/**
 * The connection an interaction ran on turned out dead after the interaction failed, as Twisted's
 * {@code adbapi.ConnectionLost}: with {@code cp_reconnect} on, the pool checked it ({@code cp_good_sql}, or
 * the driver's own validity check), found it broken and replaced it. The call that saw it fails with this
 * error, its cause being the original failure; the next call gets a fresh connection, so it is safe to try
 * again.
 */
public final class ConnectionLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened
     * @param cause the failure the interaction saw
     */
    public ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
