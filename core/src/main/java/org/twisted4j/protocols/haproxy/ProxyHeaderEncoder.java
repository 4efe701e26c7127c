package org.twisted4j.protocols.haproxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;

/** Writes {@link ProxyHeader}s in version 1's text and version 2's binary form. */
final class ProxyHeaderEncoder {
    /** The twelve bytes every version 2 header starts with. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The signature, the version and command, the family and protocol, the length. */
    static final int V2_FIXED_LENGTH = 16;

    private ProxyHeaderEncoder() {
    }

    static byte[] v1(ProxyHeader header) {
        if (header.command() == ProxyHeader.Command.LOCAL || !header.tlvs().isEmpty()) {
            throw new IllegalArgumentException("version 1 cannot carry LOCAL or TLVs: " + header);
        }
        Address source = header.source();
        Address destination = header.destination();
        if (source == null || destination == null) {
            return "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        if (ProxyAddresses.udp(source) || source instanceof UNIXAddress) {
            throw new IllegalArgumentException("version 1 carries TCP addresses only: " + source);
        }
        String family = source instanceof IPv4Address ? "TCP4" : "TCP6";
        String line = "PROXY " + family + " " + ProxyAddresses.text(source) + " " + ProxyAddresses.text(destination)
                + " " + ProxyAddresses.port(source) + " " + ProxyAddresses.port(destination) + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] v2(ProxyHeader header) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int family = 0;
        Address source = header.source();
        Address destination = header.destination();
        if (source != null && destination != null) {
            int transport = ProxyAddresses.udp(source) ? 0x2 : 0x1;
            switch (source) {
                case IPv4Address v4 -> family = 0x10 | transport;
                case IPv6Address v6 -> family = 0x20 | transport;
                case UNIXAddress unix -> family = 0x31;
            }
            if (source instanceof UNIXAddress unix) {
                block.writeBytes(ProxyAddresses.sunPath(unix));
                block.writeBytes(ProxyAddresses.sunPath((UNIXAddress) destination));
            } else {
                block.writeBytes(ProxyAddresses.bytes(source));
                block.writeBytes(ProxyAddresses.bytes(destination));
                block.writeBytes(ByteBuffer.allocate(4).putShort((short) ProxyAddresses.port(source))
                        .putShort((short) ProxyAddresses.port(destination)).array());
            }
        }
        int crcAt = -1;
        for (ProxyTlv tlv : header.tlvs()) {
            if (tlv.type() == ProxyTlv.CRC32C && tlv.length() == 4 && crcAt < 0) {
                crcAt = V2_FIXED_LENGTH + block.size() + 3;
                Tlvs.write(List.of(new ProxyTlv(ProxyTlv.CRC32C, new byte[4])), block);
            } else {
                Tlvs.write(List.of(tlv), block);
            }
        }
        if (block.size() > 0xFFFF) {
            throw new IllegalArgumentException("a version 2 header of " + block.size() + " bytes after its fixed 16 is"
                    + " over 65535");
        }
        ByteBuffer out = ByteBuffer.allocate(V2_FIXED_LENGTH + block.size());
        out.put(V2_SIGNATURE).put((byte) (header.command() == ProxyHeader.Command.LOCAL ? 0x20 : 0x21))
                .put((byte) family).putShort((short) block.size()).put(block.toByteArray());
        byte[] bytes = out.array();
        if (crcAt >= 0) {
            ByteBuffer.wrap(bytes, crcAt, 4).putInt(crc32c(bytes));
        }
        return bytes;
    }

    /** Returns the CRC32C of a whole header, as the {@code PP2_TYPE_CRC32C} field holds it. */
    static int crc32c(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header);
        return (int) crc.getValue();
    }
}
