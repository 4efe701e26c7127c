package org.twisted4j.internet.endpoints;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * Somewhere to make a stream connection to, as Twisted's {@code IStreamClientEndpoint}: a TCP host and port,
 * a UNIX socket, a host name tried address by address, or whatever a description string names.
 *
 * <pre>{@code
 * StreamClientEndpoint endpoint = new HostnameEndpoint(reactor, "example.com", 80);
 * endpoint.connect(Factory.forProtocol(HttpClientProtocol::new))
 *     .addCallback(protocol -> ((HttpClientProtocol) protocol).get("/"));
 * }</pre>
 * {@link Endpoints#connectProtocol} connects a protocol you already have, and keeps its type.
 *
 * <h2>Cancellation</h2>
 * Cancelling the Deferred before it fires stops the attempt (the connector's {@code stopConnecting}); the
 * Deferred then fails with a {@link org.twisted4j.internet.ConnectingCancelledError}. Once it has fired the
 * connection is the protocol's to close.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the reactor calls it makes.
 */
public interface StreamClientEndpoint {

    /**
     * Connects, building the connection's protocol with {@code factory}.
     *
     * @param factory builds the protocol once the connection is made; it may be a plain {@link Factory}: the
     *     endpoint tells it {@code doStart} and {@code doStop} around the attempt, as a reactor would
     * @return a Deferred that fires with the protocol when its {@code connectionMade} has run, or fails with
     *     why the connection could not be made (a {@link org.twisted4j.internet.ConnectError}, for
     *     instance); this method does not throw for such failures
     */
    Deferred<Protocol> connect(Factory factory);
}
