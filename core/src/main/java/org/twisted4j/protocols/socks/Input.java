package org.twisted4j.protocols.socks;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The bytes a server has received and not yet parsed. Reactor thread only. */
final class Input {

    private byte[] bytes = new byte[64];
    private int start;
    private int end;

    void append(ByteBuffer data) {
        int count = data.remaining();
        if (end + count > bytes.length) {
            int size = end - start;
            byte[] grown = size + count > bytes.length ? new byte[Math.max(bytes.length * 2, size + count)] : bytes;
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
            start = 0;
            end = size;
        }
        data.get(bytes, end, count);
        end += count;
    }

    int size() {
        return end - start;
    }

    /** Returns the unsigned byte at {@code index} past the start. */
    int get(int index) {
        return bytes[start + index] & 0xff;
    }

    int getShort(int index) {
        return get(index) << 8 | get(index + 1);
    }

    byte[] slice(int from, int to) {
        return Arrays.copyOfRange(bytes, start + from, start + to);
    }

    /** Returns the index of the first zero byte at or after {@code from} and before {@code to}, or -1. */
    int indexOfZero(int from, int to) {
        int limit = Math.min(to, size());
        for (int i = from; i < limit; i++) {
            if (bytes[start + i] == 0) {
                return i;
            }
        }
        return -1;
    }

    void skip(int count) {
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Removes and returns everything. */
    ByteBuffer takeAll() {
        ByteBuffer all = ByteBuffer.wrap(slice(0, size()));
        skip(size());
        return all;
    }
}
