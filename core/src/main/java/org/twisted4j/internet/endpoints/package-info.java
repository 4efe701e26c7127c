/**
 * Endpoints: where to listen and where to connect, as values, as Twisted's
 * {@code twisted.internet.endpoints}.
 *
 * <p>A {@link org.twisted4j.internet.endpoints.StreamServerEndpoint} listens with a factory and gives a
 * Deferred of the listening port; a {@link org.twisted4j.internet.endpoints.StreamClientEndpoint} connects a
 * factory's protocol and gives a Deferred of that protocol once it is connected. Both report failures
 * through their Deferred, never by throwing. Endpoints exist for TCP over IPv4 and IPv6, UNIX sockets, and
 * host names tried address by address ({@link org.twisted4j.internet.endpoints.HostnameEndpoint}).
 *
 * <p>{@link org.twisted4j.internet.endpoints.Endpoints#serverFromString} and
 * {@link org.twisted4j.internet.endpoints.Endpoints#clientFromString} build endpoints from Twisted's
 * description strings, such as {@code tcp:8080:interface=127.0.0.1} or {@code tcp:host=example.com:port=80};
 * new prefixes are added with {@link org.twisted4j.internet.endpoints.ServerEndpointParser} and
 * {@link org.twisted4j.internet.endpoints.ClientEndpointParser}.
 * <pre>{@code
 * StreamServerEndpoint server = Endpoints.serverFromString(reactor, "tcp:8080");
 * server.listen(Factory.forProtocol(Echo::new));
 *
 * StreamClientEndpoint client = Endpoints.clientFromString(reactor, "tcp:localhost:8080");
 * Endpoints.connectProtocol(client, new Greeter())
 *     .addCallback(greeter -> { greeter.sayHello(); return null; });
 * }</pre>
 */
@NullMarked
package org.twisted4j.internet.endpoints;

import org.jspecify.annotations.NullMarked;
