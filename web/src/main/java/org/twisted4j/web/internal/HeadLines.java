package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The line reading that the request parser and the response parser share: gathers one line of a message head
 * or of chunked framing up to its LF, across any split of the input, and checks a header (or trailer) field
 * line, counting the fields and their bytes for the caller's limits. It works in place on its one line buffer:
 * nothing is copied or allocated per line but the name and value strings asked for.
 *
 * <pre>{@code
 * HeadLines lines = new HeadLines();
 * while (lines.read(data, lines.fieldLimit(maxHeaderBytes)) == HeadLines.Read.LINE && lines.length() > 0) {
 *     if (lines.checkField(maxHeaderCount) != HeadLines.Field.OK) {
 *         break; // the head is malformed
 *     }
 *     headers.add(lines.name(), lines.value());
 *     lines.clear();
 * }
 * }</pre>
 *
 * <p>Threading: one parser's, on its reactor thread.
 */
public final class HeadLines {

    /** What {@link #read} found. */
    public enum Read {
        /** A whole line is in the buffer, without its CR LF. */
        LINE,
        /** The input ended inside a line; the part read so far is kept. */
        MORE,
        /** The line is longer than the limit; the byte past it has been consumed. */
        TOO_LONG
    }

    /** What {@link #checkField} found in a field line, in the order it looks. */
    public enum Field {
        /** A well-formed field: {@link #name()} and {@link #value()} give it. */
        OK,
        /** More field lines than the limit. */
        TOO_MANY,
        /** A line that starts with whitespace: obsolete line folding (RFC 9112 §5.2). */
        FOLDED,
        /** No colon, or nothing before it. */
        MALFORMED,
        /** A name that is not an HTTP token (which includes whitespace before the colon). */
        BAD_NAME,
        /** A control character other than tab in the value. */
        CONTROL_IN_VALUE
    }

    /** The longest chunk-size or chunk-end line accepted, in bytes. */
    public static final int MAX_CHUNK_LINE = 4096;

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private byte[] line = new byte[256];
    private int length;
    private int fieldBytes;
    private int fieldCount;
    private int colon;
    private int valueStart;
    private int valueEnd;

    /**
     * Reads up to the end of the current line, growing the buffer as needed but never past {@code limit}.
     *
     * @param data the input; its position moves past what was read
     * @param limit the most bytes the line may hold, its CR included
     * @return {@link Read#LINE} with the line in {@link #bytes()}, or {@link Read#MORE} or {@link Read#TOO_LONG}
     */
    public Read read(ByteBuffer data, int limit) {
        int pos = data.position();
        int end = data.limit();
        while (pos < end) {
            byte b = data.get(pos++);
            if (b == '\n') {
                data.position(pos);
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return Read.LINE;
            }
            if (length >= limit) {
                data.position(pos);
                return Read.TOO_LONG;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, limit + 1));
            }
            line[length++] = b;
        }
        data.position(pos);
        return Read.MORE;
    }

    /** Returns the buffer holding the line; its first {@link #length()} bytes are the line. */
    public byte[] bytes() {
        return line;
    }

    /** Returns the length of the line read so far. */
    public int length() {
        return length;
    }

    /** Forgets the line, to read the next one. */
    public void clear() {
        length = 0;
    }

    /** Starts counting a new block of field lines (a head's fields, or a chunked body's trailers). */
    public void startFields() {
        fieldBytes = 0;
        fieldCount = 0;
    }

    /**
     * Returns the limit to {@link #read} the next field line with, so that the block stays within
     * {@code maxFieldBytes}.
     *
     * @param maxFieldBytes the largest total of the block's lines, CR LF included
     * @return the limit for the next line
     */
    public int fieldLimit(int maxFieldBytes) {
        return Math.max(0, maxFieldBytes - fieldBytes) + 1; // room for the CR
    }

    /**
     * Counts the line just read as a field line and checks it: name, colon, optional whitespace, a value free
     * of control characters but tab, optional whitespace. The first problem found is returned, in the order of
     * {@link Field}'s constants.
     *
     * @param maxFieldCount the most field lines the block may hold
     * @return {@link Field#OK}, or the problem
     * @throws ArrayIndexOutOfBoundsException if the line is empty (the end of the block, not a field)
     */
    public Field checkField(int maxFieldCount) {
        byte[] b = line;
        int n = length;
        fieldBytes += n + 2;
        if (++fieldCount > maxFieldCount) {
            return Field.TOO_MANY;
        }
        if (b[0] == ' ' || b[0] == '\t') {
            return Field.FOLDED;
        }
        int c = 0;
        while (c < n && b[c] != ':') {
            c++;
        }
        if (c == 0 || c == n) {
            return Field.MALFORMED;
        }
        for (int i = 0; i < c; i++) {
            if (!isTokenChar(b[i])) {
                return Field.BAD_NAME;
            }
        }
        int start = c + 1;
        int end = n;
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (isControl(b[i])) {
                return Field.CONTROL_IN_VALUE;
            }
        }
        colon = c;
        valueStart = start;
        valueEnd = end;
        return Field.OK;
    }

    /** Returns the name of the field line last found {@link Field#OK}. */
    public String name() {
        return new String(line, 0, colon, ISO_8859_1);
    }

    /** Returns the value of the field line last found {@link Field#OK}, without surrounding whitespace. */
    public String value() {
        return new String(line, valueStart, valueEnd - valueStart, ISO_8859_1);
    }

    /**
     * Returns whether a character may stand in an HTTP token (RFC 9110 §5.6.2).
     *
     * @param c the character, or a byte (negative bytes are not token characters)
     * @return whether it is a {@code tchar}
     */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    /**
     * Returns whether a byte is a control character other than tab: not allowed in field values, reason
     * phrases or chunk extensions.
     *
     * @param b the byte
     * @return whether it is below 0x20 but tab, or DEL
     */
    public static boolean isControl(byte b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
}
