package org.twisted4j.internet;

/**
 * A port could not be opened for listening, as Twisted's {@code twisted.internet.error.CannotListenError}:
 * the address is in use, needs privileges, or does not belong to this machine.
 *
 * <pre>{@code
 * try {
 *     reactor.listenTCP(8080, factory);
 * } catch (CannotListenError e) {
 *     log.error("cannot listen on {port}: {why}", "port", e.port(), "why", e.getCause());
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class CannotListenError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @serial the interface that was asked for; empty for every interface, or a UNIX socket path */
    private final String bindInterface;
    /** @serial the port that was asked for; 0 for a UNIX socket */
    private final int port;

    /**
     * Creates the error.
     *
     * @param bindInterface the interface that was asked for, empty for every interface, or a socket path
     * @param port the port that was asked for; 0 where there is none
     * @param cause why listening failed, such as a {@link java.net.BindException}
     */
    public CannotListenError(String bindInterface, int port, Throwable cause) {
        super("cannot listen on " + (bindInterface.isEmpty() ? "any" : bindInterface) + ":" + port + ": "
                + cause.getMessage(), cause);
        this.bindInterface = bindInterface;
        this.port = port;
    }

    /** Returns the interface that was asked for: empty for every interface, or a UNIX socket path. */
    public String bindInterface() {
        return bindInterface;
    }

    /** Returns the port that was asked for; 0 for a UNIX socket. */
    public int port() {
        return port;
    }
}
