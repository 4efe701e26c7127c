package org.twisted4j.protocols.haproxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes a run of type-length-value fields: a type byte, a two-byte length, the value. */
final class Tlvs {
    private Tlvs() {
    }

    /**
     * Reads the fields that fill {@code data} exactly.
     *
     * @param where names the run in the error, such as {@code "v2 TLV"}
     * @throws InvalidProxyHeader if a field's header or value runs past the end
     */
    static List<ProxyTlv> read(ByteBuffer data, String where) throws InvalidProxyHeader {
        List<ProxyTlv> tlvs = new ArrayList<>();
        while (data.hasRemaining()) {
            if (data.remaining() < 3) {
                throw new InvalidProxyHeader(where + " cut off: " + data.remaining() + " bytes left, 3 needed");
            }
            int type = data.get() & 0xFF;
            int length = data.getShort() & 0xFFFF;
            if (length > data.remaining()) {
                throw new InvalidProxyHeader(where + " 0x" + Integer.toHexString(type) + " announces " + length
                        + " bytes, " + data.remaining() + " left");
            }
            byte[] value = new byte[length];
            data.get(value);
            tlvs.add(new ProxyTlv(type, value));
        }
        return tlvs;
    }

    /** Writes the fields, in order. */
    static void write(List<ProxyTlv> tlvs, ByteArrayOutputStream out) {
        for (ProxyTlv tlv : tlvs) {
            out.write(tlv.type());
            out.write(tlv.length() >>> 8);
            out.write(tlv.length());
            out.writeBytes(tlv.valueNoCopy());
        }
    }
}
