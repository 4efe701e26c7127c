package org.twisted4j.internet.endpoints;

import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;

/**
 * Somewhere to listen for stream connections, as Twisted's {@code IStreamServerEndpoint}: a TCP port, a
 * UNIX socket, or whatever a description string names.
 *
 * <pre>{@code
 * StreamServerEndpoint endpoint = new TCP4ServerEndpoint(reactor, 8080);
 * endpoint.listen(Factory.forProtocol(Echo::new))
 *     .addCallback(port -> { log.info("listening on {address}", "address", port.getHost()); return null; });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the reactor calls it makes.
 */
public interface StreamServerEndpoint {

    /**
     * Starts listening, handing each accepted connection to a protocol built by {@code factory}.
     *
     * @param factory builds a protocol for each accepted connection
     * @return a Deferred that fires with the listening port, or fails (with a
     *     {@link org.twisted4j.internet.CannotListenError}, for instance) if listening is impossible; this
     *     method does not throw for such failures
     */
    Deferred<ListeningPort> listen(Factory factory);
}
