package org.twisted4j.protocols.haproxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;

/** Reads one complete header, version 1 or 2, that {@link ProxyHeaderParser} has gathered. */
final class ProxyHeaderDecoder {
    private ProxyHeaderDecoder() {
    }

    /**
     * Reads a version 1 line, {@code "PROXY " ... "\r\n"} included.
     *
     * @throws InvalidProxyHeader if it does not follow the grammar: {@code TCP4}/{@code TCP6} with two
     *     addresses and two ports separated by single spaces, or {@code UNKNOWN} followed by anything
     */
    static ProxyHeader v1(byte[] line) throws InvalidProxyHeader {
        String text = new String(line, 0, line.length - 2, StandardCharsets.ISO_8859_1);
        String[] fields = text.split(" ", -1);
        String family = fields.length > 1 ? fields[1] : "";
        if (family.equals("UNKNOWN")) {
            // The specification: the receiver ignores whatever follows UNKNOWN, up to the CRLF.
            return new ProxyHeader(1, ProxyHeader.Command.PROXY, null, null, List.of());
        }
        if (!family.equals("TCP4") && !family.equals("TCP6")) {
            throw new InvalidProxyHeader("v1 protocol '" + printable(family) + "' is none of TCP4, TCP6, UNKNOWN");
        }
        if (fields.length != 6) {
            throw new InvalidProxyHeader("v1 " + family + " line has " + (fields.length - 2)
                    + " fields, 4 needed (source, destination, source port, destination port, one space apart)");
        }
        boolean ipv6 = family.equals("TCP6");
        byte[] source = address(fields[2], ipv6, "source");
        byte[] destination = address(fields[3], ipv6, "destination");
        int sourcePort = port(fields[4], "source");
        int destinationPort = port(fields[5], "destination");
        return new ProxyHeader(1, ProxyHeader.Command.PROXY,
                ProxyAddresses.inet(source, sourcePort, AddressType.TCP),
                ProxyAddresses.inet(destination, destinationPort, AddressType.TCP), List.of());
    }

    private static byte[] address(String text, boolean ipv6, String which) throws InvalidProxyHeader {
        byte[] bytes = ProxyAddresses.v1Literal(text, ipv6);
        if (bytes == null) {
            throw new InvalidProxyHeader("v1 " + which + " address '" + printable(text) + "' is not an IPv"
                    + (ipv6 ? "6" : "4") + " literal");
        }
        return bytes;
    }

    private static int port(String text, String which) throws InvalidProxyHeader {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > 0xFFFF) {
            throw new InvalidProxyHeader("v1 " + which + " port '" + printable(text) + "' is not a number 0-65535");
        }
        return Integer.parseInt(text);
    }

    /**
     * Reads a version 2 header: its 16 fixed bytes and the length they announce.
     *
     * @throws InvalidProxyHeader if the version is not 2, the command neither LOCAL nor PROXY, the family and
     *     protocol byte none of the seven the specification allows, the length too short for the
     *     addresses, a TLV overruns, an SSL TLV is malformed, or a CRC32C TLV does not match
     */
    static ProxyHeader v2(byte[] header) throws InvalidProxyHeader {
        int versionCommand = header[12] & 0xFF;
        if (versionCommand >>> 4 != 2) {
            throw new InvalidProxyHeader("v2 version " + (versionCommand >>> 4) + " is not 2");
        }
        ProxyHeader.Command command = switch (versionCommand & 0xF) {
            case 0 -> ProxyHeader.Command.LOCAL;
            case 1 -> ProxyHeader.Command.PROXY;
            default -> throw new InvalidProxyHeader("v2 command " + (versionCommand & 0xF)
                    + " is neither LOCAL (0) nor PROXY (1)");
        };
        int family = header[13] & 0xFF;
        if (!switch (family) {
            case 0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32 -> true;
            default -> false;
        }) {
            throw new InvalidProxyHeader("v2 address family and protocol 0x" + Integer.toHexString(family)
                    + " is not one the specification allows");
        }
        int addressLength = addressLength(family);
        ByteBuffer block = ByteBuffer.wrap(header, ProxyHeaderEncoder.V2_FIXED_LENGTH,
                header.length - ProxyHeaderEncoder.V2_FIXED_LENGTH);
        if (block.remaining() < addressLength) {
            throw new InvalidProxyHeader("v2 length " + block.remaining() + " is shorter than the " + addressLength
                    + " bytes of its addresses");
        }
        Address[] addresses = addresses(block, family);
        List<ProxyTlv> tlvs = Tlvs.read(block.slice(), "v2 TLV");
        checkTlvs(tlvs, header);
        return new ProxyHeader(2, command, addresses[0], addresses[1], tlvs);
    }

    /** Returns source and destination, both null for {@code AF_UNSPEC}; moves {@code block} past them. */
    private static @Nullable Address[] addresses(ByteBuffer block, int family) {
        AddressType type = (family & 0xF) == 2 ? AddressType.UDP : AddressType.TCP;
        return switch (family >>> 4) {
            case 1, 2 -> {
                byte[] source = new byte[family >>> 4 == 1 ? 4 : 16];
                byte[] destination = new byte[source.length];
                block.get(source).get(destination);
                int sourcePort = block.getShort() & 0xFFFF;
                int destinationPort = block.getShort() & 0xFFFF;
                yield new Address[] {ProxyAddresses.inet(source, sourcePort, type),
                        ProxyAddresses.inet(destination, destinationPort, type)};
            }
            case 3 -> {
                byte[] source = new byte[ProxyAddresses.UNIX_PATH_LENGTH];
                byte[] destination = new byte[ProxyAddresses.UNIX_PATH_LENGTH];
                block.get(source).get(destination);
                yield new Address[] {ProxyAddresses.unix(source), ProxyAddresses.unix(destination)};
            }
            default -> new Address[2];
        };
    }

    private static void checkTlvs(List<ProxyTlv> tlvs, byte[] header) throws InvalidProxyHeader {
        int crcs = 0;
        for (ProxyTlv tlv : tlvs) {
            switch (tlv.type()) {
                case ProxyTlv.SSL -> ProxySsl.decode(tlv.valueNoCopy());
                case ProxyTlv.CRC32C -> {
                    if (tlv.length() != 4 || ++crcs > 1) {
                        throw new InvalidProxyHeader("v2 CRC32C TLV must be one, of 4 bytes");
                    }
                }
                default -> { }
            }
        }
        if (crcs == 1) {
            checkCrc(header);
        }
    }

    /** Checks the CRC32C TLV: the checksum of the whole header with the field's value zeroed. */
    private static void checkCrc(byte[] header) throws InvalidProxyHeader {
        int at = ProxyHeaderEncoder.V2_FIXED_LENGTH + addressLength(header[13] & 0xFF);
        while (header[at] != ProxyTlv.CRC32C) {
            at += 3 + ((header[at + 1] & 0xFF) << 8 | header[at + 2] & 0xFF);
        }
        byte[] zeroed = header.clone();
        Arrays.fill(zeroed, at + 3, at + 7, (byte) 0);
        int sent = ByteBuffer.wrap(header, at + 3, 4).getInt();
        int computed = ProxyHeaderEncoder.crc32c(zeroed);
        if (sent != computed) {
            throw new InvalidProxyHeader("v2 CRC32C " + Integer.toHexString(sent) + " does not match the header's "
                    + Integer.toHexString(computed));
        }
    }

    private static int addressLength(int family) {
        return switch (family >>> 4) {
            case 1 -> 12;
            case 2 -> 36;
            case 3 -> 2 * ProxyAddresses.UNIX_PATH_LENGTH;
            default -> 0;
        };
    }

    /** Returns {@code text} with anything but printable ASCII shown as {@code ?}, cut to 40 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 40));
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > 40 ? out + "..." : out.toString();
    }
}
