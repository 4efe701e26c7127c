package org.twisted4j.mail.smtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes received and not yet consumed, with line splitting that never holds more than a line's limit of a
 * line being discarded. Package-private; reactor thread only.
 */
final class InputBuffer {

    private byte[] bytes = new byte[4096];
    private int start;
    private int end;

    void append(ByteBuffer data) {
        int n = data.remaining();
        if (end + n > bytes.length) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
            if (end + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + n));
            }
        }
        data.get(bytes, end, n);
        end += n;
    }

    int size() {
        return end - start;
    }

    /** Returns the index (relative to the start) of the first LF, or -1. */
    int indexOfLf() {
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\n') {
                return i - start;
            }
        }
        return -1;
    }

    /** Takes {@code n} bytes. */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(bytes, start, start + n);
        skip(n);
        return out;
    }

    void skip(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    void clear() {
        start = 0;
        end = 0;
        if (bytes.length > 65536) {
            bytes = new byte[4096];
        }
    }
}
