package org.twisted4j.names;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable run of octets, compared by content: the opaque parts of record data (keys, digests,
 * signatures, raw data of unknown types), so that the records holding them have value equality.
 *
 * <p>Immutable; any thread.
 */
public final class ByteString {
    /** No octets. */
    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static ByteString of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    /** A copy of {@code length} octets of {@code bytes} from {@code offset}. */
    public static ByteString of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * Decodes hexadecimal digits, either case.
     *
     * @throws IllegalArgumentException if {@code hex} is not an even number of hexadecimal digits
     */
    public static ByteString fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /**
     * Decodes base64 (RFC 4648, with padding).
     *
     * @throws IllegalArgumentException if {@code base64} is not base64
     */
    public static ByteString fromBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    /** How many octets. */
    public int length() {
        return bytes.length;
    }

    /** The octet at {@code index}, 0 to 255. */
    public int get(int index) {
        return bytes[index] & 0xff;
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lower-case hexadecimal digits, no separators. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Base64 with padding, no line breaks. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The hexadecimal digits. */
    @Override
    public String toString() {
        return hex();
    }
}
