package org.twisted4j.internet;

import java.util.function.Supplier;
import org.twisted4j.defer.Failure;

/**
 * A {@link Factory} for outgoing connections, told how the connection attempt goes, as Twisted's
 * {@code ClientFactory}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * final class Fetch extends ClientFactory {
 *     Fetch() { super(FetchProtocol::new); }
 *     @Override
 *     public void clientConnectionFailed(Connector connector, Failure reason) {
 *         log.failure("could not connect to {to}", reason, "to", connector.getDestination());
 *     }
 * }
 * reactor.connectTCP("example.com", 80, new Fetch());
 * }</pre>
 *
 * <p>A reconnecting client calls {@link Connector#connect()} again from {@link #clientConnectionLost} or
 * {@link #clientConnectionFailed}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ClientFactory extends Factory {

    /** For subclasses that override {@link #buildProtocol}. */
    protected ClientFactory() {
    }

    /**
     * For subclasses whose protocols come from {@code protocol}.
     *
     * @param protocol makes the protocol for each connection made
     */
    protected ClientFactory(Supplier<? extends Protocol> protocol) {
        super(protocol);
    }

    /**
     * Returns a client factory whose {@link #buildProtocol} returns a new protocol from {@code protocol},
     * and which ignores the connection events.
     *
     * @param protocol makes the protocol for each connection made, typically a constructor reference
     */
    public static ClientFactory forProtocol(Supplier<? extends Protocol> protocol) {
        return new ClientFactory(protocol);
    }

    /**
     * Called when a connection attempt starts; {@link Connector#stopConnecting()} calls it off. Does
     * nothing by default.
     *
     * @param connector the connector making the attempt
     */
    public void startedConnecting(Connector connector) {
    }

    /**
     * Called when a connection attempt fails; {@link Connector#connect()} tries again. Does nothing by
     * default.
     *
     * @param connector the connector that made the attempt
     * @param reason why: a {@link ConnectError} such as {@link ConnectionRefusedError}, or {@link UserError}
     *     if it was called off
     */
    public void clientConnectionFailed(Connector connector, Failure reason) {
    }

    /**
     * Called when a connection that had been made ends; {@link Connector#connect()} reconnects. Does
     * nothing by default.
     *
     * @param connector the connector that made the connection
     * @param reason why, as given to the protocol's {@link Protocol#connectionLost}
     */
    public void clientConnectionLost(Connector connector, Failure reason) {
    }
}
