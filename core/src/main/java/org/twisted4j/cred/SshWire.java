package org.twisted4j.cred;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encodings of RFC 4251 section 5 that public key blobs, signatures, key files and SSH
 * messages are made of: {@code byte}, {@code uint32}, {@code uint64}, a {@code string} (a 4-octet big-endian
 * length and that many octets) and an {@code mpint} (a string holding a two's complement big-endian integer);
 * {@link Writer} writes them.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * SshWire blob = new SshWire(bytes);
 * String type = blob.name();           // "ssh-ed25519"
 * byte[] point = blob.string();
 * if (!blob.atEnd()) { ... }           // trailing octets
 * byte[] again = new SshWire.Writer().string(type).string(point).toByteArray();
 * }</pre>
 *
 * <h2>Threading</h2>
 * Confined to the thread that reads (or writes) with it.
 *
 * <h2>Pitfalls</h2>
 * Every read checks its length against the data, so a claimed length never makes it allocate more than the
 * data holds; the one error it throws is {@link IllegalArgumentException}.
 */
public final class SshWire {
    private final byte[] data;
    private int position;

    /** Reads {@code data} (not copied) from its start. */
    public SshWire(byte[] data) {
        this.data = data;
    }

    /**
     * Returns the next string's octets.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    public byte[] string() {
        long length = uint32() & 0xffffffffL;
        if (length > data.length - position) {
            throw new IllegalArgumentException("SSH string longer than its data");
        }
        int start = position;
        position = start + (int) length;
        return Arrays.copyOfRange(data, start, position);
    }

    /**
     * Returns the next string as text of single-octet characters, as algorithm names are.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    public String name() {
        return new String(string(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the next string as UTF-8 text.
     *
     * @throws IllegalArgumentException if the data ends before the string does
     */
    public String utf8() {
        return new String(string(), StandardCharsets.UTF_8);
    }

    /**
     * Returns the next mpint.
     *
     * @throws IllegalArgumentException if the data ends before the mpint does
     */
    public BigInteger mpint() {
        byte[] magnitude = string();
        return magnitude.length == 0 ? BigInteger.ZERO : new BigInteger(magnitude);
    }

    /**
     * Returns the next octet, 0 to 255.
     *
     * @throws IllegalArgumentException if the data has ended
     */
    public int octet() {
        need(1);
        return data[position++] & 0xff;
    }

    /**
     * Returns the next uint32 (as the int with the same bits).
     *
     * @throws IllegalArgumentException if fewer than four octets are left
     */
    public int uint32() {
        need(4);
        int value = ((data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    /**
     * Returns the next uint64 (as the long with the same bits).
     *
     * @throws IllegalArgumentException if fewer than eight octets are left
     */
    public long uint64() {
        long high = uint32() & 0xffffffffL;
        return (high << 32) | (uint32() & 0xffffffffL);
    }

    /**
     * Returns the next {@code count} octets as they are.
     *
     * @throws IllegalArgumentException if fewer are left
     */
    public byte[] raw(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative length");
        }
        need(count);
        position += count;
        return Arrays.copyOfRange(data, position - count, position);
    }

    /** The number of octets not read yet. */
    public int remaining() {
        return data.length - position;
    }

    /** Whether everything has been read. */
    public boolean atEnd() {
        return position == data.length;
    }

    private void need(int count) {
        if (data.length - position < count) {
            throw new IllegalArgumentException("SSH data cut short");
        }
    }

    /**
     * Writes the SSH wire encodings into a growing buffer.
     *
     * <h2>Threading</h2>
     * Confined to the thread that writes with it.
     */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Starts an empty buffer. */
        public Writer() {
        }

        /** Appends an octet (the low 8 bits of {@code value}). */
        public Writer octet(int value) {
            out.write(value);
            return this;
        }

        /** Appends a uint32 (the bits of {@code value}). */
        public Writer uint32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        /** Appends a uint64 (the bits of {@code value}). */
        public Writer uint64(long value) {
            uint32((int) (value >>> 32));
            return uint32((int) value);
        }

        /** Appends a string of these octets. */
        public Writer string(byte[] value) {
            uint32(value.length);
            out.writeBytes(value);
            return this;
        }

        /** Appends a string of single-octet text (an algorithm name). */
        public Writer string(String value) {
            return string(value.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Appends a string of UTF-8 text. */
        public Writer utf8(String value) {
            return string(value.getBytes(StandardCharsets.UTF_8));
        }

        /** Appends an mpint in its shortest two's complement form (zero is the empty string). */
        public Writer mpint(BigInteger value) {
            return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
        }

        /** Appends octets as they are, with no length. */
        public Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        /** The number of octets written so far. */
        public int size() {
            return out.size();
        }

        /** Returns a copy of what has been written. */
        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
