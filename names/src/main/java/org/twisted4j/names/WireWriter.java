package org.twisted4j.names;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the wire form of a message, compressing names against the suffixes already written (keys ignore case,
 * as dnspython's do), and able to roll back to a mark, forgetting the suffixes written after it, so that a
 * record which does not fit can be taken out whole.
 */
final class WireWriter {
    private byte[] buffer = new byte[512];
    private int position;
    private final Map<Name, Integer> suffixes = new HashMap<>();

    int position() {
        return position;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Goes back to {@code mark}, forgetting what was written and the suffixes registered after it. */
    void rollback(int mark) {
        position = mark;
        for (Iterator<Integer> it = suffixes.values().iterator(); it.hasNext();) {
            if (it.next() >= mark) {
                it.remove();
            }
        }
    }

    private void ensure(int n) {
        if (position + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + n));
        }
    }

    void u8(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    void u16(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    void u32(long value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    void putU16(int at, int value) {
        buffer[at] = (byte) (value >>> 8);
        buffer[at + 1] = (byte) value;
    }

    void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    void bytes(ByteString bytes) {
        bytes(bytes.array());
    }

    /**
     * A {@code <character-string>}.
     *
     * @throws IllegalArgumentException if longer than 255 octets
     */
    void characterString(byte[] bytes) {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("character-string of " + bytes.length + " octets (at most 255)");
        }
        u8(bytes.length);
        bytes(bytes);
    }

    /** A name, compressed against earlier names and offered to later ones when {@code compress}, else whole. */
    void name(Name name, boolean compress) {
        for (int i = 0; i < name.labelCount(); i++) {
            Name suffix = name.suffix(i);
            if (compress) {
                Integer at = suffixes.get(suffix);
                if (at != null) {
                    u16(0xc000 | at);
                    return;
                }
            }
            if (compress && position < 0x4000) {
                suffixes.putIfAbsent(suffix, position);
            }
            byte[] label = name.rawLabel(i);
            u8(label.length);
            bytes(label);
        }
        u8(0);
    }
}
