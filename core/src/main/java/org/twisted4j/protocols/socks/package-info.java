/**
 * A SOCKS proxy server, as Twisted's {@code twisted.protocols.socks}: SOCKS4 and SOCKS4a CONNECT, and
 * SOCKS5 (RFC 1928) CONNECT to IPv4, IPv6 and domain-name addresses, with no authentication or with user
 * name and password (RFC 1929). Accepted connections are relayed with the back-pressure of
 * {@link org.twisted4j.protocols.portforward.ProxyProtocol}.
 *
 * <pre>{@code
 * SocksOptions options = SocksOptions.defaults()
 *         .withCredentials(CredentialsChecker.of((user, password) -> user.equals("u") && password.equals("p")));
 * reactor.listenTCP(1080, new SocksFactory(reactor, options), 50, "127.0.0.1");
 * }</pre>
 *
 * <p>BIND and UDP ASSOCIATE are answered "command not supported".
 */
@NullMarked
package org.twisted4j.protocols.socks;

import org.jspecify.annotations.NullMarked;
