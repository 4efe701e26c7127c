package org.twisted4j.internet.ssl;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ASN.1 distinguished encoding) this package needs: writing the values of an X.509
 * certificate and of PKCS#8 wrappers, and reading the structure of keys.
 *
 * <p>Values are written as complete TLV byte arrays and nested by passing arrays to {@link #sequence}.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** Returns one TLV with the given tag byte and contents. */
    static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
            int start = lengthBytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (lengthBytes.length - start));
            out.write(lengthBytes, start, lengthBytes.length - start);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return tlv(SET, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    static byte[] bool(boolean value) {
        return new byte[] {0x01, 1, (byte) (value ? 0xFF : 0)};
    }

    static byte[] octetString(byte[] contents) {
        return tlv(OCTET_STRING, contents);
    }

    /** A BIT STRING of whole bytes. */
    static byte[] bitString(byte[] contents) {
        return bitString(contents, 0);
    }

    static byte[] bitString(byte[] contents, int unusedBits) {
        byte[] body = new byte[contents.length + 1];
        body[0] = (byte) unusedBits;
        System.arraycopy(contents, 0, body, 1, contents.length);
        return tlv(BIT_STRING, body);
    }

    static byte[] utf8String(String value) {
        return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime before 2050, GeneralizedTime from then on, as RFC 5280 asks; whole seconds. */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
            return tlv(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** An explicit context-specific tag around a complete value: {@code [n] EXPLICIT}. */
    static byte[] explicit(int number, byte[] value) {
        return tlv(0xA0 | number, value);
    }

    /** An implicit context-specific primitive tag over raw contents: {@code [n] IMPLICIT}. */
    static byte[] implicitPrimitive(int number, byte[] contents) {
        return tlv(0x80 | number, contents);
    }

    /** An object identifier from its dotted form, such as {@code 1.2.840.10045.2.1}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an object identifier: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, new BigInteger(parts[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(parts[1])));
        for (int i = 2; i < parts.length; i++) {
            writeBase128(out, new BigInteger(parts[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int bits = value.shiftRight(7 * i).intValue() & 0x7F;
            out.write(i == 0 ? bits : bits | 0x80);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * One parsed TLV: its tag byte, its contents, and the complete encoding.
     *
     * @param tag the tag byte
     * @param contents the value's contents, without tag and length
     * @param encoded the whole TLV as it appeared
     */
    record Value(int tag, byte[] contents, byte[] encoded) {
        /** The elements of a constructed value such as a SEQUENCE. */
        List<Value> children() {
            return readAll(contents);
        }

        /** The dotted form of an OBJECT IDENTIFIER; refuses one that is empty or whose last number is cut off. */
        String oidString() {
            if (tag != OID) {
                throw new IllegalArgumentException("expected an object identifier, found tag " + tag);
            }
            if (contents.length == 0 || (contents[contents.length - 1] & 0x80) != 0) {
                throw new IllegalArgumentException("truncated object identifier");
            }
            StringBuilder text = new StringBuilder();
            BigInteger current = BigInteger.ZERO;
            boolean first = true;
            for (byte b : contents) {
                current = current.shiftLeft(7).or(BigInteger.valueOf(b & 0x7F));
                if ((b & 0x80) == 0) {
                    if (first) {
                        int firstArc = current.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : current.intValue() / 40;
                        text.append(firstArc).append('.').append(current.subtract(BigInteger.valueOf(40L * firstArc)));
                        first = false;
                    } else {
                        text.append('.').append(current);
                    }
                    current = BigInteger.ZERO;
                }
            }
            return text.toString();
        }
    }

    /** Reads the one value {@code der} holds. */
    static Value read(byte[] der) {
        List<Value> values = readAll(der);
        if (values.size() != 1) {
            throw new IllegalArgumentException("expected one DER value, found " + values.size());
        }
        return values.get(0);
    }

    /** Reads the values that follow one another in {@code der}. */
    static List<Value> readAll(byte[] der) {
        List<Value> values = new ArrayList<>();
        int position = 0;
        while (position < der.length) {
            int start = position;
            int tag = der[position++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not supported");
            }
            if (position >= der.length) {
                throw new IllegalArgumentException("DER value truncated");
            }
            int length = der[position++] & 0xFF;
            if (length >= 0x80) {
                int count = length & 0x7F;
                if (count == 0 || count > 4 || position + count > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[position++] & 0xFF);
                }
                if (length < 0) {
                    throw new IllegalArgumentException("bad DER length");
                }
            }
            if (length > der.length - position) { // not position + length, which a length near 2^31 wraps
                throw new IllegalArgumentException("DER value truncated");
            }
            byte[] contents = Arrays.copyOfRange(der, position, position + length);
            position += length;
            values.add(new Value(tag, contents, Arrays.copyOfRange(der, start, position)));
        }
        return values;
    }
}
