package org.twisted4j.internet;

/**
 * An outgoing connection, from the attempt to the end, as Twisted's {@code IConnector}: returned by the
 * reactor's {@code connect} methods and handed to the {@link ClientFactory}'s events.
 *
 * <pre>{@code
 * Connector connector = reactor.connectTCP("example.com", 80, factory);
 * // later, give up or hang up, whichever applies:
 * connector.disconnect();
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface Connector {

    /**
     * Starts a new connection attempt to the same destination: for a client that reconnects after
     * {@link ClientFactory#clientConnectionLost} or {@link ClientFactory#clientConnectionFailed}.
     *
     * @throws IllegalStateException if this connector is connecting or connected already
     */
    void connect();

    /**
     * Ends it whatever the state: closes the connection if it is made, stops the attempt if it is under
     * way, does nothing otherwise.
     */
    void disconnect();

    /**
     * Calls off the connection attempt under way; the factory's
     * {@link ClientFactory#clientConnectionFailed} follows with a {@link UserError}.
     *
     * @throws IllegalStateException if no attempt is under way (not connecting, or already connected)
     */
    void stopConnecting();

    /** Returns the address this connector connects to. */
    Address getDestination();
}
