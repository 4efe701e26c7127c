package org.twisted4j.news;

import java.io.ByteArrayOutputStream;

/**
 * The multi-line block framing of RFC 3977 §3.1.1: each line ends in CRLF, a line that starts with a dot gets
 * one more, and a line holding a single dot ends the block. {@link #encode} frames; {@link #unstuff} undoes it
 * for one received line.
 */
public final class DotStuffing {

    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private DotStuffing() {
    }

    /**
     * Frames text as a block: every line (ended by CRLF or a bare LF, or the end) is sent with CRLF, dot-stuffed,
     * and the terminating line follows.
     *
     * @param text the block's content, not dot-stuffed; a last line without a line end is ended
     * @return the framed octets, ending with {@code .CRLF}
     */
    public static byte[] encode(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 40 + 8);
        int start = 0;
        while (start < text.length) {
            int end = start;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && text[end - 1] == '\r' && end < text.length ? end - 1 : end;
            if (text[start] == '.') {
                out.write('.');
            }
            out.write(text, start, lineEnd - start);
            out.write('\r');
            out.write('\n');
            start = end + 1;
        }
        out.writeBytes(TERMINATOR);
        return out.toByteArray();
    }

    /** Returns whether a received line (without its CRLF) is the block's terminator. */
    public static boolean isTerminator(byte[] line) {
        return line.length == 1 && line[0] == '.';
    }

    /**
     * Undoes dot-stuffing of one received line: a leading dot is dropped from a line that starts with one.
     *
     * @param line a line without its CRLF, not the terminator
     * @return the offset of its content in {@code line}: 1 if it was stuffed, else 0
     */
    public static int unstuff(byte[] line) {
        return line.length > 0 && line[0] == '.' ? 1 : 0;
    }
}
