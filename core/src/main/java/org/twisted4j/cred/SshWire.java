package org.twisted4j.cred;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the SSH wire encodings of RFC 4251 section 5 that public key blobs, signatures and SSH messages are made
 * of: {@code byte}, {@code boolean}, {@code uint32}, {@code uint64}, {@code string} (a 4-octet big-endian length
 * and that many octets), {@code mpint} (a string holding a two's complement big-endian integer) and
 * {@code name-list}. {@link SshWireWriter} writes them.
 *
 * <pre>{@code
 * SshWire in = new SshWire(blob);
 * String keyType = in.name();
 * byte[] point = in.string();
 * if (!in.atEnd()) { ... }
 * }</pre>
 *
 * <h2>Errors</h2>
 * Every read that runs past the end of the data throws {@link IllegalArgumentException}; nothing is allocated
 * beyond what the data itself holds, whatever a length field claims.
 *
 * <h2>Threading</h2>
 * Confined to the thread that reads with it.
 */
public final class SshWire {
    private final byte[] data;
    private final int end;
    private int position;

    /**
     * Reads {@code data} from its start; the array is not copied, so do not change it while reading.
     *
     * @param data the encoded octets
     */
    public SshWire(byte[] data) {
        this(data, 0, data.length);
    }

    /**
     * Reads {@code length} octets of {@code data} from {@code offset}; the array is not copied.
     *
     * @throws IndexOutOfBoundsException if the range is not within the array
     */
    public SshWire(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    private void need(int count, String what) {
        if (end - position < count) {
            throw new IllegalArgumentException("SSH " + what + " cut short");
        }
    }

    /** Returns the next {@code byte} as an unsigned value. */
    public int byteValue() {
        need(1, "byte");
        return data[position++] & 0xff;
    }

    /** Returns the next {@code boolean} (any non-zero octet is true, RFC 4251 section 5). */
    public boolean bool() {
        return byteValue() != 0;
    }

    /** Returns the next {@code uint32} as a non-negative long. */
    public long uint32() {
        need(4, "uint32");
        long value = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    /**
     * Returns the next {@code uint32}, which must fit in an int.
     *
     * @throws IllegalArgumentException if it does not, or the data is cut short
     */
    public int uint32AsInt() {
        long value = uint32();
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SSH uint32 too large: " + value);
        }
        return (int) value;
    }

    /** Returns the next {@code uint64} (as a signed long holding the same 64 bits). */
    public long uint64() {
        long high = uint32();
        return (high << 32) | uint32();
    }

    /**
     * Returns the next string's octets.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    public byte[] string() {
        long length = uint32();
        if (length > end - position) {
            throw new IllegalArgumentException("SSH string longer than its data");
        }
        int start = position;
        position = start + (int) length;
        return Arrays.copyOfRange(data, start, position);
    }

    /**
     * Returns the next string's octets without copying them: a buffer over this reader's array, between its
     * position and limit, that sees whatever later happens to the array.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    public ByteBuffer stringView() {
        long length = uint32();
        if (length > end - position) {
            throw new IllegalArgumentException("SSH string longer than its data");
        }
        int start = position;
        position = start + (int) length;
        return ByteBuffer.wrap(data, start, (int) length);
    }

    /** Returns the next string as text of single-octet characters, as algorithm names are. */
    public String name() {
        return new String(string(), StandardCharsets.ISO_8859_1);
    }

    /** Returns the next string decoded as UTF-8, as user names, passwords and messages are. */
    public String utf8() {
        return new String(string(), StandardCharsets.UTF_8);
    }

    /** Returns the next {@code name-list} as its names (an empty list for an empty string). */
    public List<String> nameList() {
        String joined = name();
        return joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }

    /** Returns the next mpint. */
    public BigInteger mpint() {
        byte[] magnitude = string();
        return magnitude.length == 0 ? BigInteger.ZERO : new BigInteger(magnitude);
    }

    /** Returns the octets not yet read, and reads them. */
    public byte[] rest() {
        byte[] rest = Arrays.copyOfRange(data, position, end);
        position = end;
        return rest;
    }

    /** Returns how many octets are left. */
    public int remaining() {
        return end - position;
    }

    /** Whether everything has been read. */
    public boolean atEnd() {
        return position == end;
    }
}
