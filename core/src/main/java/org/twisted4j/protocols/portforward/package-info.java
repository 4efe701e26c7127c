/**
 * Port forwarding, as Twisted's {@code twisted.protocols.portforward}: a server that relays every
 * connection it accepts to a fixed host and port, both ways, with back-pressure from end to end.
 *
 * <pre>{@code
 * reactor.listenTCP(8080, new ProxyFactory(reactor, "backend.example", 80));
 * }</pre>
 *
 * <p>{@link org.twisted4j.protocols.portforward.ProxyProtocol} is the relay itself, one end of a pair; the
 * SOCKS server in {@code org.twisted4j.protocols.socks} relays through it too.
 */
@NullMarked
package org.twisted4j.protocols.portforward;

import org.jspecify.annotations.NullMarked;
