package org.twisted4j.protocols.portforward;

import java.util.Objects;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Protocol;

/**
 * Makes the outgoing connection of one relay, as Twisted's {@code portforward.ProxyClientFactory}: builds a
 * {@link ProxyClient} for the incoming end, and tells that end if the connection cannot be made.
 *
 * <pre>{@code
 * reactor.connectTCP(host, port, new ProxyClientFactory(this));   // in a ProxyProtocol subclass
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ProxyClientFactory extends ClientFactory {

    private final ProxyProtocol incoming;

    /**
     * Creates the factory for one outgoing connection.
     *
     * @param incoming the end that asks for it
     */
    public ProxyClientFactory(ProxyProtocol incoming) {
        this.incoming = Objects.requireNonNull(incoming, "incoming");
    }

    /** Builds the {@link ProxyClient} of the incoming end. */
    @Override
    public Protocol buildProtocol(Address peer) {
        ProxyClient client = new ProxyClient(incoming);
        client.setFactory(this);
        return client;
    }

    /** Tells the incoming end, which closes (or, for SOCKS, answers with an error first). */
    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        incoming.outgoingFailed(reason);
    }
}
