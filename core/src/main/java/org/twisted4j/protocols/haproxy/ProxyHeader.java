package org.twisted4j.protocols.haproxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.protocols.policies.ProtocolWrapper;

/**
 * What a PROXY protocol header said about a connection, as Twisted's {@code ProxyInfo}: the client's
 * address ({@link #source()}) and the address it connected to on the proxy ({@link #destination()}), and,
 * from version 2, the TLV fields the proxy added.
 *
 * <h2>Finding it</h2>
 * Behind an {@code haproxy:} endpoint, {@code getPeer()} and {@code getHost()} already give the client's
 * addresses; the rest of the header is found from the transport:
 * <pre>{@code
 * public void connectionMade() {
 *     ProxyHeader header = ProxyHeader.of(transport());       // null if not behind the PROXY protocol
 *     String alpn = header == null ? null : header.alpn();    // "h2", "http/1.1"... if the proxy sent it
 * }
 * }</pre>
 *
 * <h2>The LOCAL command and unknown addresses</h2>
 * A proxy sends {@link Command#LOCAL} for connections of its own (health checks), and {@code UNKNOWN} (v1) or
 * {@code AF_UNSPEC} (v2) for clients whose addresses it cannot express. For both the connection's real
 * addresses stay what {@code getPeer()} and {@code getHost()} give: {@link #clientAddress()} is null. (A
 * {@code LOCAL} header may still carry addresses, which {@link #source()} and {@link #destination()} report
 * as sent.)
 *
 * <h2>Threading</h2>
 * Any thread: immutable.
 *
 * @param version the header's version, 1 (text) or 2 (binary)
 * @param command {@link Command#PROXY} for a relayed connection, {@link Command#LOCAL} for one of the proxy's
 *     own (version 2 only)
 * @param source the client's address, or null if the header gives none
 * @param destination the address the client connected to, or null if the header gives none
 * @param tlvs the version 2 TLV fields, in the order they came; empty for version 1
 */
public record ProxyHeader(int version, Command command, @Nullable Address source, @Nullable Address destination,
        List<ProxyTlv> tlvs) {

    /** What the connection is: relayed from a client, or the proxy's own. */
    public enum Command {
        /** The proxy's own connection, such as a health check: the real addresses stand. */
        LOCAL,
        /** A connection relayed for a client, whose addresses the header gives. */
        PROXY
    }

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the version is not 1 or 2; if only one address is given, or two
     *     of different kinds or types; if a version 1 header is {@code LOCAL}, has TLVs or UNIX addresses
     */
    public ProxyHeader {
        Objects.requireNonNull(command, "command");
        tlvs = List.copyOf(tlvs);
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version " + version + " is neither 1 nor 2");
        }
        if ((source == null) != (destination == null)) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                    + ": give both or neither");
        }
        if (source != null && !sameFamily(source, destination)) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                    + " are of different families");
        }
        if (version == 1 && (command == Command.LOCAL || !tlvs.isEmpty() || source instanceof UNIXAddress)) {
            throw new IllegalArgumentException("a version 1 header has neither LOCAL, TLVs nor UNIX addresses");
        }
    }

    /**
     * Returns a version 2 {@code PROXY} header for a client at {@code source} that connected to
     * {@code destination}, with the given TLVs.
     *
     * @param source the client's address: an IP literal address or a UNIX address
     * @param destination the address it connected to, of the same family
     * @param tlvs the TLV fields
     * @return the header
     */
    public static ProxyHeader v2(Address source, Address destination, ProxyTlv... tlvs) {
        return new ProxyHeader(2, Command.PROXY, source, destination, List.of(tlvs));
    }

    /**
     * Returns the header read on the connection under {@code transport}, looking down through the
     * wrappers stacked on it (TLS, policies), or null if the connection did not come through an
     * {@code haproxy:} endpoint.
     *
     * @param transport a protocol's transport
     * @return the header, or null
     */
    public static @Nullable ProxyHeader of(Transport transport) {
        Transport current = transport;
        while (current instanceof ProtocolWrapper wrapper) {
            if (wrapper instanceof HAProxyProtocol proxied) {
                return proxied.header();
            }
            current = wrapper.transport();
        }
        return null;
    }

    /**
     * Returns the client's address as a server should take it: {@link #source()} for a {@code PROXY}
     * header, null for {@code LOCAL} (and where the header gives none), when the real peer stands.
     */
    public @Nullable Address clientAddress() {
        return command == Command.PROXY ? source : null;
    }

    /** Returns the address the client reached, as {@link #clientAddress()}: null where the real host stands. */
    public @Nullable Address serverAddress() {
        return command == Command.PROXY ? destination : null;
    }

    /** Returns the first TLV of {@code type}, or null if there is none. */
    public @Nullable ProxyTlv tlv(int type) {
        for (ProxyTlv tlv : tlvs) {
            if (tlv.type() == type) {
                return tlv;
            }
        }
        return null;
    }

    /** Returns the ALPN protocol the client negotiated with the proxy ({@code PP2_TYPE_ALPN}), or null. */
    public @Nullable String alpn() {
        return text(tlvs, ProxyTlv.ALPN);
    }

    /** Returns the host name the client asked the proxy for ({@code PP2_TYPE_AUTHORITY}, TLS SNI), or null. */
    public @Nullable String authority() {
        return text(tlvs, ProxyTlv.AUTHORITY);
    }

    /** Returns the proxy's identifier of the connection ({@code PP2_TYPE_UNIQUE_ID}), or null. */
    public byte @Nullable [] uniqueId() {
        ProxyTlv tlv = tlv(ProxyTlv.UNIQUE_ID);
        return tlv == null ? null : tlv.value();
    }

    /**
     * Returns the client's TLS details ({@code PP2_TYPE_SSL}), or null if the proxy sent none or sent one
     * too short to read (the parser refuses those; only a header made by hand can hold one).
     */
    public @Nullable ProxySsl ssl() {
        ProxyTlv tlv = tlv(ProxyTlv.SSL);
        if (tlv == null) {
            return null;
        }
        try {
            return ProxySsl.decode(tlv.valueNoCopy());
        } catch (InvalidProxyHeader e) {
            return null;
        }
    }

    /**
     * Returns this header in version 1's text form, such as {@code PROXY TCP4 192.0.2.1 192.0.2.9 5000 80\r\n}
     * ({@code PROXY UNKNOWN\r\n} without addresses).
     *
     * @throws IllegalArgumentException if version 1 cannot say it: a {@code LOCAL} command, TLVs, UNIX or UDP
     *     addresses, or hosts that are not IP literals
     */
    public byte[] encodeV1() {
        return ProxyHeaderEncoder.v1(this);
    }

    /**
     * Returns this header in version 2's binary form; a {@code PP2_TYPE_CRC32C} field gets the header's
     * checksum.
     *
     * @throws IllegalArgumentException if the hosts are not IP literals, or the TLVs make the header longer
     *     than version 2 allows
     */
    public byte[] encodeV2() {
        return ProxyHeaderEncoder.v2(this);
    }

    static @Nullable String text(List<ProxyTlv> tlvs, int type) {
        for (ProxyTlv tlv : tlvs) {
            if (tlv.type() == type) {
                return new String(tlv.valueNoCopy(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean sameFamily(Address a, @Nullable Address b) {
        return switch (a) {
            case IPv4Address v4 -> b instanceof IPv4Address other && v4.type() == other.type();
            case IPv6Address v6 -> b instanceof IPv6Address other && v6.type() == other.type();
            case UNIXAddress unix -> b instanceof UNIXAddress;
        };
    }
}
