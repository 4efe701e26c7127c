package org.twisted4j.protocols.haproxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;

/**
 * The addresses of a PROXY header as twisted4j's {@link Address} values, and back: IPv4 and IPv6 in the
 * JDK's text form (as the reactor reports peers), never looked up by name.
 */
final class ProxyAddresses {
    /** v2's {@code sun_path}: 108 bytes, NUL-padded. */
    static final int UNIX_PATH_LENGTH = 108;

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /**
     * Hex digits, colons and an IPv4 tail, starting with a hex digit or a colon: the JDK takes such text as a
     * literal and never looks it up.
     */
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private ProxyAddresses() {
    }

    /** Returns the address of 4 or 16 {@code ip} bytes and {@code port}. */
    static Address inet(byte[] ip, int port, AddressType type) {
        try {
            if (ip.length == 4) {
                return new IPv4Address(type, InetAddress.getByAddress(ip).getHostAddress(), port);
            }
            return new IPv6Address(type, Inet6Address.getByAddress(null, ip, -1).getHostAddress(), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("an address of " + ip.length + " bytes", e);
        }
    }

    /**
     * Returns the bytes of a version 1 address: a dotted quad for {@code TCP4}, an IPv6 literal for
     * {@code TCP6}, or null if {@code text} is not one.
     */
    static byte @Nullable [] v1Literal(String text, boolean ipv6) {
        if (!ipv6) {
            return DOTTED_QUAD.matcher(text).matches() ? literal(text) : null;
        }
        if (!IPV6_TEXT.matcher(text).matches() || text.indexOf(':') < 0) {
            return null;
        }
        byte[] bytes = literal(text);
        if (bytes != null && bytes.length == 4) {
            // The JDK reads ::ffff:a.b.c.d as IPv4; TCP6 keeps it IPv6, mapped.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }

    private static byte @Nullable [] literal(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Returns the bytes of an IPv4 or IPv6 address's host.
     *
     * @throws IllegalArgumentException if the host is not an IP literal of the address's family
     */
    static byte[] bytes(Address address) {
        boolean ipv6 = address instanceof IPv6Address;
        String host = switch (address) {
            case IPv4Address v4 -> v4.host();
            case IPv6Address v6 -> v6.host();
            case UNIXAddress unix -> throw new IllegalArgumentException(unix + " has no IP address");
        };
        byte[] bytes = v1Literal(host, ipv6);
        if (bytes == null) {
            throw new IllegalArgumentException("host '" + host + "' of " + address + " is not an IP"
                    + (ipv6 ? "v6" : "v4") + " literal");
        }
        return bytes;
    }

    /** Returns the host of an IP address in the form version 1 writes: the JDK's text of its bytes. */
    static String text(Address address) {
        byte[] bytes = bytes(address);
        try {
            return bytes.length == 4 ? InetAddress.getByAddress(bytes).getHostAddress()
                    : Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Returns the UNIX address of a NUL-padded {@code sun_path}; a null path if it is empty, abstract or not
     * UTF-8.
     */
    static UNIXAddress unix(byte[] sunPath) {
        int end = 0;
        while (end < sunPath.length && sunPath[end] != 0) {
            end++;
        }
        if (end == 0) {
            return new UNIXAddress(null);
        }
        try {
            String path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(sunPath, 0, end)).toString();
            return new UNIXAddress(Path.of(path));
        } catch (CharacterCodingException | InvalidPathException e) {
            // The path is only informative: one that is not UTF-8 is reported as unknown.
            return new UNIXAddress(null);
        }
    }

    /**
     * Returns a UNIX address's path as a NUL-padded {@code sun_path}; a path of all 108 bytes has no NUL, as the
     * kernel allows.
     *
     * @throws IllegalArgumentException if the path is longer than 108 bytes
     */
    static byte[] sunPath(UNIXAddress address) {
        Path path = address.path();
        byte[] name = path == null ? new byte[0] : path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > UNIX_PATH_LENGTH) {
            throw new IllegalArgumentException("path of " + address + " is longer than " + UNIX_PATH_LENGTH + " bytes");
        }
        return Arrays.copyOf(name, UNIX_PATH_LENGTH);
    }

    /** Returns the port of an IP address. */
    static int port(Address address) {
        return switch (address) {
            case IPv4Address v4 -> v4.port();
            case IPv6Address v6 -> v6.port();
            case UNIXAddress unix -> 0;
        };
    }

    /** Returns whether {@code address} is a UDP address. */
    static boolean udp(Address address) {
        return switch (address) {
            case IPv4Address v4 -> v4.type() == AddressType.UDP;
            case IPv6Address v6 -> v6.type() == AddressType.UDP;
            case UNIXAddress unix -> false;
        };
    }
}
