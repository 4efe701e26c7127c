package org.twisted4j.internet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Where a UDP port's datagrams go and come from, the same on every reactor backend: literal IP addresses
 * only (as Twisted's, names are resolved first), an IPv4 port never sending to an IPv6 address, and the
 * sockets' addresses given back as Twisted's {@link AddressType#UDP} addresses.
 */
public final class UdpAddresses {
    private UdpAddresses() {
    }

    /**
     * Returns the socket address of a literal IPv4 or IPv6 address and port.
     *
     * @throws IllegalArgumentException if {@code host} is not a literal address or {@code port} not 0 to 65535
     */
    public static InetSocketAddress target(String host, int port) {
        Ports.check(port);
        if (!Sockets.isLiteral(host)) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address (resolve names first): " + host);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + host, e);
        }
    }

    /**
     * Returns the socket address a port bound to {@code portHost} sends {@code to}.
     *
     * @throws IllegalArgumentException if {@code to} is not an internet address, or is an IPv6 one and the
     *     port an IPv4 one
     */
    public static InetSocketAddress target(Address to, @Nullable Address portHost) {
        return switch (to) {
            case IPv4Address a -> target(a.host(), a.port());
            case IPv6Address a -> {
                if (!(portHost instanceof IPv6Address)) {
                    throw new IllegalArgumentException("an IPv4 port cannot send to the IPv6 address " + a);
                }
                yield target(a.host(), a.port());
            }
            case UNIXAddress a -> throw new IllegalArgumentException("not a UDP address: " + a);
        };
    }

    /**
     * Returns a socket's address as a UDP {@link IPv4Address} or {@link IPv6Address}.
     *
     * @throws IllegalArgumentException if it is not a resolved internet address
     */
    public static Address address(InetSocketAddress address) {
        return Sockets.inet(address, AddressType.UDP);
    }
}
