package org.twisted4j.internet;

/**
 * The address of one end of a connection or of a listening port, as Twisted's {@code IAddress}.
 *
 * <p>A transport reports its own end with {@link Transport#getHost()} and the other end with
 * {@link Transport#getPeer()}; a {@link Factory} is told the peer's address when it builds a protocol. The
 * kinds are closed, so code can take an address apart with a pattern switch:
 *
 * <pre>{@code
 * String where = switch (transport.getPeer()) {
 *     case IPv4Address a -> a.host() + ":" + a.port();
 *     case IPv6Address a -> "[" + a.host() + "]:" + a.port();
 *     case UNIXAddress a -> a.display();
 * };
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: every address is an immutable value.
 */
public sealed interface Address permits IPv4Address, IPv6Address, UNIXAddress {
}
