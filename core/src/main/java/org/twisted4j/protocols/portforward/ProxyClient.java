package org.twisted4j.protocols.portforward;

import java.util.Objects;

/**
 * The outgoing end of a relay, as Twisted's {@code portforward.ProxyClient}: when its connection is made it
 * tells the incoming end, which joins the two (see {@link ProxyProtocol#relayTo}).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ProxyClient extends ProxyProtocol {

    private final ProxyProtocol incoming;

    /**
     * Creates the outgoing end for {@code incoming}.
     *
     * @param incoming the end that asked for this connection
     */
    public ProxyClient(ProxyProtocol incoming) {
        this.incoming = Objects.requireNonNull(incoming, "incoming");
    }

    /** Hands this end to the incoming end, which joins the two or, if it is gone, closes this one. */
    @Override
    public void connectionMade() {
        incoming.outgoingConnected(this);
    }
}
