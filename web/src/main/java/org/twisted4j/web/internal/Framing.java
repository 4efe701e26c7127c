package org.twisted4j.web.internal;

import java.util.List;

/**
 * How an HTTP/1.1 message body is framed, read from its header fields and chunk-size lines: the pure
 * functions that the request parser and the response parser both need, so the two agree on every edge.
 *
 * <p>Threading: any thread (no state).
 */
public final class Framing {

    /** Returned for a malformed value, or Content-Length values that disagree. */
    public static final long MALFORMED = -1;
    /** Returned for a number too large to represent. */
    public static final long TOO_LARGE = -2;
    /** Returned by {@link #chunkSize} for a control character in a chunk extension. */
    public static final long CONTROL_IN_EXTENSION = -3;

    /** More hex digits than this in a chunk size is {@link #TOO_LARGE}. */
    private static final int MAX_CHUNK_SIZE_DIGITS = 15;

    private Framing() {
    }

    /**
     * Reads a chunk-size line (without its CR LF): hex digits, optional whitespace, then nothing or a
     * chunk extension starting with ';' (kept unread, but free of control characters other than tab).
     *
     * @param line the line's bytes
     * @param length how many bytes of {@code line} belong to it
     * @return the size, or {@link #TOO_LARGE}, {@link #MALFORMED} or {@link #CONTROL_IN_EXTENSION}
     */
    public static long chunkSize(byte[] line, int length) {
        long size = 0;
        int i = 0;
        while (i < length) {
            int digit = hexValue(line[i]);
            if (digit < 0) {
                break;
            }
            if (i >= MAX_CHUNK_SIZE_DIGITS) {
                return TOO_LARGE;
            }
            size = size * 16 + digit;
            i++;
        }
        if (i == 0) {
            return MALFORMED;
        }
        while (i < length && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i < length && line[i] != ';') {
            return MALFORMED;
        }
        for (; i < length; i++) {
            if (HeadLines.isControl(line[i])) {
                return CONTROL_IN_EXTENSION;
            }
        }
        return size;
    }

    /**
     * Reads the Content-Length field values of one message: each a list of decimal numbers, all equal.
     *
     * @param values the field's values, at least one
     * @return the length, or {@link #MALFORMED} (also for values that disagree) or {@link #TOO_LARGE}
     */
    public static long contentLength(List<String> values) {
        long agreed = -3;
        for (String value : values) {
            int start = 0;
            int n = value.length();
            while (start <= n) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? n : comma;
                int a = start;
                int z = end;
                while (a < z && (value.charAt(a) == ' ' || value.charAt(a) == '\t')) {
                    a++;
                }
                while (z > a && (value.charAt(z - 1) == ' ' || value.charAt(z - 1) == '\t')) {
                    z--;
                }
                if (a == z) {
                    return MALFORMED;
                }
                long parsed = 0;
                for (int i = a; i < z; i++) {
                    char c = value.charAt(i);
                    if (c < '0' || c > '9') {
                        return MALFORMED;
                    }
                    if (parsed > (Long.MAX_VALUE - 9) / 10) {
                        return TOO_LARGE;
                    }
                    parsed = parsed * 10 + (c - '0');
                }
                if (agreed != -3 && agreed != parsed) {
                    return MALFORMED;
                }
                agreed = parsed;
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        return agreed;
    }

    /**
     * Checks the Transfer-Encoding field values of one message for the only framing this server reads:
     * {@code chunked}, once, and last.
     *
     * @param codings the field's values, at least one
     * @return 0 if the codings are exactly {@code chunked}; 501 if other codings come before a final
     *     {@code chunked}; 400 if the list is malformed, {@code chunked} repeats or is not last
     */
    public static int chunkedFraming(List<String> codings) {
        int chunked = 0;
        int others = 0;
        String last = "";
        for (String value : codings) {
            for (String part : value.split(",", -1)) {
                String coding = part.strip();
                if (coding.isEmpty()) {
                    return 400;
                }
                if (coding.equalsIgnoreCase("chunked")) {
                    chunked++;
                } else {
                    others++;
                }
                last = coding;
            }
        }
        if (chunked != 1 || !last.equalsIgnoreCase("chunked")) {
            return 400;
        }
        return others == 0 ? 0 : 501;
    }

    /**
     * Returns the value of an ASCII hex digit.
     *
     * @param c the character
     * @return its value, 0 to 15, or -1 if it is not a hex digit
     */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
