package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.List;

/**
 * Encodes header lists into HPACK header blocks (RFC 7541), choosing for each field:
 * <ul>
 *   <li>an indexed field when the static or dynamic table holds the exact field;
 *   <li>a never-indexed literal for sensitive fields ({@link HeaderField#sensitive()}, {@code authorization},
 *       {@code proxy-authorization}, and {@code cookie} values under 20 octets, which are easy to guess);
 *   <li>a literal without indexing for a field bigger than three quarters of the table, which would only flush
 *       it;
 *   <li>otherwise a literal with incremental indexing, naming the field by index when a table has the name
 *       (the static table first, as its indexes are shorter).
 * </ul>
 * Strings are Huffman-coded when that is no longer (as the RFC's examples do), unless Huffman coding is turned off. A change of the table
 * size (the peer's SETTINGS_HEADER_TABLE_SIZE) is signalled at the start of the next block (§4.2).
 */
final class HpackEncoder {
    private static final int COOKIE_SENSITIVE_BELOW = 20;

    private final HpackDynamicTable table;
    private final int maxTableSizeCap;
    private final boolean huffman;
    private int smallestPendingSize = -1;
    private int pendingSize = -1;

    /** An encoder with a 4,096-octet table using Huffman coding where it is no longer. */
    HpackEncoder() {
        this(4096, true);
    }

    /**
     * An encoder never using a table larger than {@code maxTableSizeCap}, nor larger than the peer allows;
     * {@code huffman} turns Huffman coding of strings on (where no longer) or off.
     */
    HpackEncoder(int maxTableSizeCap, boolean huffman) {
        this.maxTableSizeCap = maxTableSizeCap;
        // A table smaller than the decoder's needs no signal: the decoder then only keeps entries longer.
        this.table = new HpackDynamicTable(Math.min(4096, maxTableSizeCap));
        this.huffman = huffman;
    }

    HpackDynamicTable table() {
        return table;
    }

    /** Applies the peer's SETTINGS_HEADER_TABLE_SIZE: the table becomes the smaller of it and our cap. */
    void setPeerMaxTableSize(long peerLimit) {
        int size = (int) Math.min(peerLimit, maxTableSizeCap);
        table.setMaxSize(size);
        pendingSize = size;
        smallestPendingSize = smallestPendingSize < 0 ? size : Math.min(smallestPendingSize, size);
    }

    /** Returns the header block for {@code fields}. */
    byte[] encode(List<HeaderField> fields) {
        HpackOutput out = new HpackOutput();
        encode(fields, out);
        return out.toByteArray();
    }

    /** Appends the header block for {@code fields} to {@code out}. */
    void encode(List<HeaderField> fields, HpackOutput out) {
        if (pendingSize >= 0) {
            if (smallestPendingSize < pendingSize) {
                out.writeInteger(0x20, 5, smallestPendingSize);
            }
            out.writeInteger(0x20, 5, pendingSize);
            pendingSize = -1;
            smallestPendingSize = -1;
        }
        for (HeaderField field : fields) {
            encodeField(field, out);
        }
    }

    private void encodeField(HeaderField field, HpackOutput out) {
        String name = field.name();
        String value = field.value();
        if (isSensitive(field)) {
            writeLiteral(0x10, 4, nameIndex(name), field, out);
            return;
        }
        int exact = HpackStaticTable.indexOf(name, value);
        if (exact == 0) {
            int dynamic = table.find(name, value, false);
            exact = dynamic < 0 ? 0 : HpackStaticTable.LENGTH + 1 + dynamic;
        }
        if (exact != 0) {
            out.writeInteger(0x80, 7, exact);
            return;
        }
        if (field.size() > table.maxSize() * 3 / 4) {
            writeLiteral(0x00, 4, nameIndex(name), field, out);
            return;
        }
        writeLiteral(0x40, 6, nameIndex(name), field, out);
        table.add(new HeaderField(name, value));
    }

    private static boolean isSensitive(HeaderField field) {
        return field.sensitive()
                || switch (field.name()) {
                    case "authorization", "proxy-authorization" -> true;
                    case "cookie" -> field.value().length() < COOKIE_SENSITIVE_BELOW;
                    default -> false;
                };
    }

    private int nameIndex(String name) {
        int index = HpackStaticTable.indexOfName(name);
        if (index == 0) {
            int dynamic = table.find(name, "", true);
            index = dynamic < 0 ? 0 : HpackStaticTable.LENGTH + 1 + dynamic;
        }
        return index;
    }

    private void writeLiteral(int flags, int prefixBits, int nameIndex, HeaderField field, HpackOutput out) {
        out.writeInteger(flags, prefixBits, nameIndex);
        if (nameIndex == 0) {
            writeString(field.name(), out);
        }
        writeString(field.value(), out);
    }

    private void writeString(String text, HpackOutput out) {
        byte[] octets = text.getBytes(ISO_8859_1);
        if (huffman) {
            int coded = HpackHuffman.encodedLength(octets);
            if (coded <= octets.length) {
                out.writeInteger(0x80, 7, coded);
                HpackHuffman.encode(octets, out);
                return;
            }
        }
        out.writeInteger(0x00, 7, octets.length);
        out.write(octets);
    }
}
