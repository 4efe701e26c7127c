package org.twisted4j.cred;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encodings of RFC 4251 section 5 that public key blobs and signatures are made of: a
 * {@code string} (a 4-octet big-endian length and that many octets) and an {@code mpint} (a string holding a
 * two's complement big-endian integer).
 *
 * <h2>Threading</h2>
 * Confined to the thread that reads with it.
 */
final class SshWire {
    private final byte[] data;
    private int position;

    SshWire(byte[] data) {
        this.data = data;
    }

    /**
     * Returns the next string's octets.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    byte[] string() {
        if (data.length - position < 4) {
            throw new IllegalArgumentException("SSH string cut short");
        }
        long length = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        if (length > data.length - position - 4) {
            throw new IllegalArgumentException("SSH string longer than its data");
        }
        int start = position + 4;
        position = start + (int) length;
        return Arrays.copyOfRange(data, start, position);
    }

    /** Returns the next string as text of single-octet characters, as algorithm names are. */
    String name() {
        return new String(string(), StandardCharsets.ISO_8859_1);
    }

    /** Returns the next mpint. */
    BigInteger mpint() {
        byte[] magnitude = string();
        return magnitude.length == 0 ? BigInteger.ZERO : new BigInteger(magnitude);
    }

    /** Whether everything has been read. */
    boolean atEnd() {
        return position == data.length;
    }
}
