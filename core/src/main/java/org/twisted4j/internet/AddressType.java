package org.twisted4j.internet;

/**
 * The transport protocol an {@link IPv4Address} or {@link IPv6Address} belongs to.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public enum AddressType {
    /** A stream (TCP) connection or listening port. */
    TCP,
    /** A datagram (UDP) port or sender. */
    UDP
}
