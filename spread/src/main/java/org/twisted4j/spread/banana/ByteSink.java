package org.twisted4j.spread.banana;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ByteArrayOutputStream} without its locking, for the encoder's byte-at-a-time writes, which can
 * also forget what was written after a mark (an expression that failed to encode part way).
 *
 * <p>Not thread-safe: one connection's reactor thread uses it.
 */
final class ByteSink extends ByteArrayOutputStream {

    ByteSink(int size) {
        super(size);
    }

    @Override
    public void write(int b) {
        if (count == buf.length) {
            buf = Arrays.copyOf(buf, Math.max(16, buf.length * 2));
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int needed = count + length;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
        System.arraycopy(bytes, offset, buf, count, length);
        count = needed;
    }

    /** Forgets what was written after the first {@code size} bytes. */
    void truncate(int size) {
        count = size;
    }
}
