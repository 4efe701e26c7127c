package org.twisted4j.conch;

/**
 * A client's {@code pty-req} (RFC 4254 section 6.2).
 *
 * @param term the {@code TERM} value, such as {@code xterm-256color}
 * @param columns the width in characters
 * @param rows the height in rows
 * @param widthPixels the width in pixels, or 0
 * @param heightPixels the height in pixels, or 0
 * @param modes the encoded terminal modes (section 8)
 */
public record PtyRequest(String term, int columns, int rows, int widthPixels, int heightPixels, byte[] modes) {
}
