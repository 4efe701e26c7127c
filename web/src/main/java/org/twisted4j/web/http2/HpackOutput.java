package org.twisted4j.web.http2;

import java.util.Arrays;

/** A growable run of octets the HPACK encoder and the frame writer append to. */
final class HpackOutput {
    private byte[] bytes;
    private int size;

    HpackOutput() {
        this(256);
    }

    HpackOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends the low 8 bits of {@code octet}. */
    void write(int octet) {
        ensure(1);
        bytes[size++] = (byte) octet;
    }

    /** Appends all of {@code data}. */
    void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** Appends {@code length} octets of {@code data} from {@code offset}. */
    void write(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
    }

    /**
     * Appends {@code value} as an HPACK integer (RFC 7541 §5.1) with an {@code prefixBits}-bit prefix, the
     * first octet's other bits taken from {@code flags}.
     */
    void writeInteger(int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            write(flags | value);
            return;
        }
        write(flags | max);
        int rest = value - max;
        while (rest >= 0x80) {
            write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        write(rest);
    }

    int size() {
        return size;
    }

    /** Returns the array the octets are in: the first {@link #size()} of it, valid until the next append. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
