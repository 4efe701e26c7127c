package org.twisted4j.protocols.haproxy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One type-length-value field of a version 2 PROXY header: what the proxy adds about the connection beyond
 * the addresses, such as the ALPN protocol the client chose, the TLS server name it asked for, or whether it
 * came over TLS. {@link ProxyHeader} reads the well-known ones ({@link ProxyHeader#alpn()},
 * {@link ProxyHeader#authority()}, {@link ProxyHeader#uniqueId()}, {@link ProxyHeader#ssl()}); any other
 * type, including the custom range {@code 0xE0}-{@code 0xEF}, is kept as it came.
 *
 * <h2>Threading</h2>
 * Any thread: immutable (the value is copied in and out).
 */
public final class ProxyTlv {

    /** {@code PP2_TYPE_ALPN}: the application protocol negotiated with the client, such as {@code h2}. */
    public static final int ALPN = 0x01;
    /** {@code PP2_TYPE_AUTHORITY}: the host name the client asked for (TLS SNI), in UTF-8. */
    public static final int AUTHORITY = 0x02;
    /** {@code PP2_TYPE_CRC32C}: a CRC32C checksum of the whole header, checked by the parser. */
    public static final int CRC32C = 0x03;
    /** {@code PP2_TYPE_NOOP}: padding, to be ignored. */
    public static final int NOOP = 0x04;
    /** {@code PP2_TYPE_UNIQUE_ID}: an opaque identifier of the connection, up to 128 bytes. */
    public static final int UNIQUE_ID = 0x05;
    /** {@code PP2_TYPE_SSL}: the client's TLS details, see {@link ProxySsl}. */
    public static final int SSL = 0x20;
    /** {@code PP2_TYPE_NETNS}: the name of the network namespace the connection came through. */
    public static final int NETNS = 0x30;

    private final int type;
    private final byte[] value;

    /**
     * Makes a field.
     *
     * @param type its type, 0 to 255
     * @param value its value, copied; at most 65535 bytes
     * @throws IllegalArgumentException if {@code type} or the length of {@code value} is out of range
     */
    public ProxyTlv(int type, byte[] value) {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("TLV type " + type + " is outside 0-255");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value of " + value.length + " bytes is over 65535");
        }
        this.type = type;
        this.value = value.clone();
    }

    /** Returns the type, 0 to 255. */
    public int type() {
        return type;
    }

    /** Returns a copy of the value. */
    public byte[] value() {
        return value.clone();
    }

    /** Returns the length of the value. */
    public int length() {
        return value.length;
    }

    byte[] valueNoCopy() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ProxyTlv that && type == that.type && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "ProxyTlv[0x" + Integer.toHexString(type) + ", " + HexFormat.of().formatHex(value) + "]";
    }
}
