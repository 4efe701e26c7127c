package org.twisted4j.protocols.basic;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a line receiver cuts and frames lines: the delimiter, the longest line accepted, and where to go on
 * looking for the delimiter in bytes that did not hold one yet, so that many small reads cost no more than
 * one large one.
 *
 * <p>Reactor thread only, like the receiver that owns it.
 */
final class LineFraming {

    private static final byte[] CRLF = {'\r', '\n'};

    private byte[] delimiter = CRLF;
    private int maxLength;
    /** Where to go on looking for the delimiter: bytes before it are known not to start one. */
    private int scanFrom;

    LineFraming(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Returns where the first delimiter in {@code buffer} starts, or -1 if none has arrived; after -1, the
     * next search goes on where this one stopped.
     */
    int findDelimiter(ByteQueue buffer) {
        int at = buffer.indexOf(delimiter, scanFrom);
        scanFrom = at < 0 ? Math.max(0, buffer.size() - delimiter.length + 1) : 0;
        return at;
    }

    /**
     * Returns whether {@code buffer}, which holds no delimiter, is already too long to end in an acceptable
     * line: it has {@code maxLength + delimiter length} bytes.
     */
    boolean unfinishedTooLong(ByteQueue buffer) {
        return buffer.size() >= (long) maxLength + delimiter.length;
    }

    /** Takes the line that ends at {@code delimiterAt} from {@code buffer}, and drops its delimiter. */
    byte[] takeLine(ByteQueue buffer, int delimiterAt) {
        byte[] line = buffer.take(delimiterAt);
        buffer.skip(delimiter.length);
        return line;
    }

    /** Forgets where the search stopped, for when the buffer was emptied. */
    void restartSearch() {
        scanFrom = 0;
    }

    /** Returns {@code line} followed by the delimiter, in a new array. */
    byte[] frame(byte[] line) {
        byte[] framed = Arrays.copyOf(line, line.length + delimiter.length);
        System.arraycopy(delimiter, 0, framed, line.length, delimiter.length);
        return framed;
    }

    byte[] delimiter() {
        return delimiter.clone();
    }

    /** Sets the delimiter, a copy of {@code delimiter}; throws IllegalArgumentException if it is empty. */
    void setDelimiter(byte[] delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("the line delimiter must not be empty");
        }
        this.delimiter = delimiter.clone();
        scanFrom = 0;
    }

    int maxLength() {
        return maxLength;
    }

    /** Sets the longest line accepted; throws IllegalArgumentException if it is negative. */
    void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("the maximum line length must not be negative, not " + maxLength);
        }
        this.maxLength = maxLength;
    }
}
