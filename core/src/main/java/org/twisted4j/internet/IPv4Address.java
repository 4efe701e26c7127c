package org.twisted4j.internet;

import java.util.Objects;

/**
 * An IPv4 address and port, as Twisted's {@code twisted.internet.address.IPv4Address}.
 *
 * <pre>{@code
 * Address peer = new IPv4Address(AddressType.TCP, "127.0.0.1", 8080);
 * }</pre>
 *
 * <p>The host is kept as given (normally a dotted quad); no name lookup happens here.
 *
 * <h2>Threading</h2>
 * Any thread: an immutable value.
 *
 * @param type whether this is a TCP or a UDP address
 * @param host the host, normally in dotted-quad form
 * @param port the port number, 0 to 65535
 */
public record IPv4Address(AddressType type, String host, int port) implements Address {

    /**
     * Checks the parts of the address.
     *
     * @throws NullPointerException if {@code type} or {@code host} is null
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public IPv4Address {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Ports.check(port);
    }
}
