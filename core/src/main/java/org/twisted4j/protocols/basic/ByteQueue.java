package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a receiver has read but not yet handed on: one growable array with a start and an end, so
 * taking from the front and adding at the back cost only the bytes moved. The array grows by doubling and
 * is compacted when the front has been used up, so any pattern of reads costs time in proportion to the
 * bytes read.
 *
 * <p>Reactor thread only, like the receiver that owns it.
 */
final class ByteQueue {

    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = EMPTY;
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    /** Adds the bytes between {@code data}'s position and limit, moving its position to its limit. */
    void add(ByteBuffer data) {
        int length = data.remaining();
        if (length == 0) {
            return;
        }
        makeRoom(length);
        data.get(bytes, end, length);
        end += length;
    }

    /** Adds {@code length} bytes of {@code source} from {@code offset}. */
    void add(byte[] source, int offset, int length) {
        if (length == 0) {
            return;
        }
        makeRoom(length);
        System.arraycopy(source, offset, bytes, end, length);
        end += length;
    }

    /** Returns the byte at {@code index}, counted from the front. */
    byte get(int index) {
        return bytes[start + index];
    }

    /**
     * Returns where {@code pattern} first occurs at or after {@code from}, counted from the front, or -1.
     */
    int indexOf(byte[] pattern, int from) {
        byte first = pattern[0];
        int last = end - pattern.length;
        outer:
        for (int i = start + Math.max(0, from); i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /** Removes the first {@code length} bytes and returns them in a new array. */
    byte[] take(int length) {
        byte[] taken = Arrays.copyOfRange(bytes, start, start + length);
        skip(length);
        return taken;
    }

    /** Copies {@code length} bytes from {@code index}, counted from the front, without removing them. */
    byte[] copy(int index, int length) {
        return Arrays.copyOfRange(bytes, start + index, start + index + length);
    }

    /** Removes the first {@code length} bytes. */
    void skip(int length) {
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Removes everything and returns it in a new array. */
    byte[] takeAll() {
        return take(size());
    }

    /** Removes everything. */
    void clear() {
        start = 0;
        end = 0;
    }

    private void makeRoom(int length) {
        if (end + length <= bytes.length) {
            return;
        }
        int size = size();
        int needed = size + length;
        if (needed < 0) {
            throw new OutOfMemoryError("more than 2 GiB buffered");
        }
        if (needed <= bytes.length && start >= size) {
            System.arraycopy(bytes, start, bytes, 0, size);
        } else {
            int capacity = Math.max(INITIAL_CAPACITY, bytes.length);
            while (capacity < needed) {
                capacity = capacity > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : capacity * 2;
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
        }
        start = 0;
        end = size;
    }
}
