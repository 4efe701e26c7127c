package org.twisted4j.cred;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the SSH wire encodings of RFC 4251 section 5 that {@link SshWire} reads: {@code byte}, {@code boolean},
 * {@code uint32}, {@code uint64}, {@code string}, {@code mpint} and {@code name-list}, into a growing array.
 *
 * <pre>{@code
 * byte[] blob = new SshWireWriter().name("ssh-ed25519").string(point).toByteArray();
 * }</pre>
 *
 * <h2>Threading</h2>
 * Confined to the thread that writes with it.
 */
public final class SshWireWriter {
    private byte[] buffer;
    private int size;

    /** Makes an empty writer. */
    public SshWireWriter() {
        this(64);
    }

    /**
     * Makes an empty writer with room for {@code capacity} octets before it grows.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public SshWireWriter(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0");
        }
        buffer = new byte[capacity];
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, Math.addExact(size, more)));
        }
    }

    /** Writes one octet (the low 8 bits of {@code value}). */
    public SshWireWriter byteValue(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Writes a {@code boolean}. */
    public SshWireWriter bool(boolean value) {
        return byteValue(value ? 1 : 0);
    }

    /** Writes a {@code uint32} (the low 32 bits of {@code value}). */
    public SshWireWriter uint32(long value) {
        ensure(4);
        buffer[size] = (byte) (value >>> 24);
        buffer[size + 1] = (byte) (value >>> 16);
        buffer[size + 2] = (byte) (value >>> 8);
        buffer[size + 3] = (byte) value;
        size += 4;
        return this;
    }

    /** Writes a {@code uint64}. */
    public SshWireWriter uint64(long value) {
        return uint32(value >>> 32).uint32(value);
    }

    /** Writes octets as they are, with no length before them. */
    public SshWireWriter raw(byte[] octets) {
        return raw(octets, 0, octets.length);
    }

    /** Writes {@code length} octets of {@code octets} from {@code offset}, with no length before them. */
    public SshWireWriter raw(byte[] octets, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, octets.length);
        ensure(length);
        System.arraycopy(octets, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** Writes a {@code string}: the length, then the octets. */
    public SshWireWriter string(byte[] octets) {
        return uint32(octets.length).raw(octets);
    }

    /** Writes a {@code string} of single-octet characters, as algorithm names are. */
    public SshWireWriter name(String text) {
        return string(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes a {@code string} holding {@code text} in UTF-8. */
    public SshWireWriter utf8(String text) {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a {@code name-list}: the names joined with commas. */
    public SshWireWriter nameList(List<String> names) {
        return name(String.join(",", names));
    }

    /** Writes an {@code mpint}: zero as the empty string, others in the fewest two's complement octets. */
    public SshWireWriter mpint(BigInteger value) {
        return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    /** Returns how many octets have been written. */
    public int size() {
        return size;
    }

    /** Returns a copy of what has been written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
