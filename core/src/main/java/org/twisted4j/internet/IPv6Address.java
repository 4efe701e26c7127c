package org.twisted4j.internet;

import java.util.Objects;

/**
 * An IPv6 address and port, as Twisted's {@code twisted.internet.address.IPv6Address}.
 *
 * <pre>{@code
 * Address host = new IPv6Address(AddressType.TCP, "::1", 8080);
 * }</pre>
 *
 * <p>The host is kept as given, without brackets; no name lookup happens here. A scope, where there is
 * one, is part of the host text ({@code "fe80::1%eth0"}).
 *
 * <h2>Threading</h2>
 * Any thread: an immutable value.
 *
 * @param type whether this is a TCP or a UDP address
 * @param host the host in IPv6 text form, without brackets
 * @param port the port number, 0 to 65535
 */
public record IPv6Address(AddressType type, String host, int port) implements Address {

    /**
     * Checks the parts of the address.
     *
     * @throws NullPointerException if {@code type} or {@code host} is null
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public IPv6Address {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Ports.check(port);
    }
}
