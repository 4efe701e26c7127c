package org.twisted4j.web.client;

import java.net.URI;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * Makes the endpoint an {@link Agent} connects with for a URI, as Twisted's {@code IAgentEndpointFactory}:
 * to reach servers through a UNIX socket, a SOCKS proxy, or an in-memory transport in tests.
 *
 * <pre>{@code
 * HttpAgent agent = Agent.usingEndpointFactory(reactor,
 *         uri -> new UNIXClientEndpoint(reactor, Path.of("/run/app.sock"))).build();
 * }</pre>
 *
 * <p>Threading: called on the reactor thread.
 */
@FunctionalInterface
public interface AgentEndpointFactory {

    /**
     * Returns the endpoint for a request to {@code uri}; it is connected once for each new connection.
     *
     * @param uri the request's absolute URI; only its scheme, host and port matter to the pool
     * @return the endpoint, which speaks TLS itself for https if that is wanted
     * @throws IllegalArgumentException if the URI cannot be reached this way (the request's Deferred fails)
     */
    StreamClientEndpoint endpointForUri(URI uri);
}
