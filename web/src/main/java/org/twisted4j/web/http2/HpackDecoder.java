package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes HPACK header blocks (RFC 7541) into header lists, keeping the dynamic table the peer's encoder
 * drives.
 *
 * <p>Limits: a dynamic table size update above {@linkplain #setMaxTableSizeLimit the size we allow} (our
 * SETTINGS_HEADER_TABLE_SIZE), a string literal longer than {@link #setMaxStringLength}, an index outside the
 * tables, a malformed integer or Huffman coding, or a size update after the first field are all
 * COMPRESSION_ERROR, a connection error. A header list larger than {@link #setMaxHeaderListSize} is not an
 * error here: the block is still decoded to the end, so the dynamic table stays in step, and the result says
 * the list was too large (its fields past the limit dropped), for the connection to refuse that one request.
 */
final class HpackDecoder {
    /** A decoded header list, and whether it went over the header list size limit (then it is cut short). */
    record Block(List<HeaderField> fields, boolean tooLarge) {
    }

    private final HpackDynamicTable table;
    private int maxTableSizeLimit;
    private int maxHeaderListSize;
    private int maxStringLength;

    private byte[] src = new byte[0];
    private int pos;
    private int end;

    /** A decoder allowing a 4,096-octet table, 16 KiB header lists and 16 KiB strings. */
    HpackDecoder() {
        this(4096, 16 * 1024, 16 * 1024);
    }

    HpackDecoder(int maxTableSizeLimit, int maxHeaderListSize, int maxStringLength) {
        this.table = new HpackDynamicTable(maxTableSizeLimit);
        this.maxTableSizeLimit = maxTableSizeLimit;
        this.maxHeaderListSize = maxHeaderListSize;
        this.maxStringLength = maxStringLength;
    }

    /**
     * Sets the largest dynamic table size the encoder may choose (what we sent as SETTINGS_HEADER_TABLE_SIZE);
     * a table now larger is cut down at once.
     */
    void setMaxTableSizeLimit(int limit) {
        maxTableSizeLimit = limit;
        if (table.maxSize() > limit) {
            table.setMaxSize(limit);
        }
    }

    void setMaxHeaderListSize(int size) {
        maxHeaderListSize = size;
    }

    void setMaxStringLength(int length) {
        maxStringLength = length;
    }

    HpackDynamicTable table() {
        return table;
    }

    /**
     * Decodes a complete header block.
     *
     * @throws Http2Exception COMPRESSION_ERROR if the block is not valid HPACK or breaks a limit above
     */
    Block decode(byte[] block, int offset, int length) {
        src = block;
        pos = offset;
        end = offset + length;
        List<HeaderField> fields = new ArrayList<>();
        long listSize = 0;
        boolean fieldSeen = false;
        while (pos < end) {
            int first = src[pos] & 0xff;
            HeaderField field;
            if ((first & 0x80) != 0) {
                field = lookup(readInteger(7));
            } else if ((first & 0xc0) == 0x40) {
                field = readLiteral(6, false);
                table.add(field);
            } else if ((first & 0xe0) == 0x20) {
                if (fieldSeen) {
                    throw Http2Exception.compression("dynamic table size update after a header field");
                }
                int size = readInteger(5);
                if (size > maxTableSizeLimit) {
                    throw Http2Exception.compression(
                            "dynamic table size update to " + size + " above the allowed " + maxTableSizeLimit);
                }
                table.setMaxSize(size);
                continue;
            } else {
                field = readLiteral(4, (first & 0x10) != 0);
            }
            fieldSeen = true;
            listSize += field.size();
            if (listSize <= maxHeaderListSize) {
                fields.add(field);
            }
        }
        src = new byte[0];
        return new Block(fields, listSize > maxHeaderListSize);
    }

    private HeaderField readLiteral(int prefixBits, boolean neverIndexed) {
        int nameIndex = readInteger(prefixBits);
        String name = nameIndex == 0 ? readString() : lookup(nameIndex).name();
        String value = readString();
        return new HeaderField(name, value, neverIndexed);
    }

    private HeaderField lookup(int index) {
        if (index == 0) {
            throw Http2Exception.compression("header field index 0");
        }
        if (index <= HpackStaticTable.LENGTH) {
            return HpackStaticTable.get(index);
        }
        int dynamic = index - HpackStaticTable.LENGTH - 1;
        if (dynamic >= table.length()) {
            throw Http2Exception.compression("header field index " + index + " is past the end of the tables");
        }
        return table.get(dynamic);
    }

    private String readString() {
        if (pos >= end) {
            throw Http2Exception.compression("header block ends before a string literal");
        }
        boolean huffman = (src[pos] & 0x80) != 0;
        int length = readInteger(7);
        if (length > maxStringLength) {
            throw Http2Exception.compression(
                    "string literal of " + length + " octets is longer than the allowed " + maxStringLength);
        }
        if (length > end - pos) {
            throw Http2Exception.compression("string literal runs past the end of the header block");
        }
        String text = huffman
                ? new String(HpackHuffman.decode(src, pos, length), ISO_8859_1)
                : new String(src, pos, length, ISO_8859_1);
        pos += length;
        return text;
    }

    /** Reads an integer with an {@code prefixBits}-bit prefix (RFC 7541 §5.1), at most 2^31 - 1. */
    private int readInteger(int prefixBits) {
        int max = (1 << prefixBits) - 1;
        if (pos >= end) {
            throw Http2Exception.compression("header block ends before an integer");
        }
        int value = src[pos++] & max;
        if (value < max) {
            return value;
        }
        long total = value;
        int shift = 0;
        while (true) {
            if (pos >= end) {
                throw Http2Exception.compression("header block ends inside an integer");
            }
            int octet = src[pos++] & 0xff;
            total += (long) (octet & 0x7f) << shift;
            if (total > Integer.MAX_VALUE) {
                throw Http2Exception.compression("integer larger than 2^31 - 1");
            }
            if ((octet & 0x80) == 0) {
                return (int) total;
            }
            shift += 7;
            if (shift > 28) {
                throw Http2Exception.compression("integer encoding longer than 5 octets after its prefix");
            }
        }
    }
}
