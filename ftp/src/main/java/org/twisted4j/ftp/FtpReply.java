package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;

/**
 * One FTP reply (RFC 959 §4.2): a three-digit code and one or more lines of text. A reply of several lines
 * goes out as {@code 211-first}, the middle lines, and {@code 211 last}.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 *
 * @param code the reply code, 100 to 599
 * @param lines the text, at least one line; none holds CR or LF
 */
public record FtpReply(int code, List<String> lines) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the code is not 100 to 599, there are no lines, or a line holds CR
     *         or LF
     */
    public FtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("not an FTP reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a reply line holds no CR or LF");
            }
        }
    }

    /** A reply of one line. */
    public static FtpReply of(int code, String text) {
        return new FtpReply(code, List.of(text));
    }

    /** The first line's text. */
    public String text() {
        return lines.get(0);
    }

    /** Whether the code is 1yz: a preliminary reply, another follows. */
    public boolean isPreliminary() {
        return code < 200;
    }

    /** Whether the code is 2yz. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    /** Whether the code is 3yz: more is needed (PASS after USER, RNTO after RNFR, a REST offset). */
    public boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    /** Whether the code is 4yz or 5yz. */
    public boolean isError() {
        return code >= 400;
    }

    /**
     * Returns the reply as sent. The middle lines of a multi-line reply are indented by one space, so that none
     * can be read as its end (RFC 959 §4.2) and FEAT's lines come out as RFC 2389 shows them.
     */
    public byte[] encode() {
        StringBuilder out = new StringBuilder();
        String prefix = Integer.toString(code);
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (i == 0) {
                out.append(prefix).append(last == 0 ? ' ' : '-').append(line);
            } else if (i == last) {
                out.append(prefix).append(' ').append(line);
            } else {
                out.append(' ').append(line);
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(UTF_8);
    }

    @Override
    public String toString() {
        return code + " " + String.join(" | ", lines);
    }

}
