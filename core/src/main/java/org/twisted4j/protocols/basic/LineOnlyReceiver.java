package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.twisted4j.internet.Protocol;

/**
 * A protocol that receives only lines, as Twisted's {@code LineOnlyReceiver}: a leaner
 * {@link LineReceiver} for protocols that never switch to raw bytes and never pause line delivery.
 *
 * <pre>{@code
 * final class Commands extends LineOnlyReceiver {
 *     @Override
 *     protected void lineReceived(byte[] line) {
 *         sendLine("OK " + new String(line, StandardCharsets.US_ASCII));
 *     }
 * }
 * }</pre>
 *
 * <p>Lines are cut at the {@linkplain #setDelimiter delimiter} ({@code "\r\n"} by default) however the
 * bytes are split across reads. A line longer than {@link #maxLength()} bytes goes to
 * {@link #lineLengthExceeded(byte[])} (by default the connection is closed); an unfinished line counts as
 * too long once {@code maxLength + delimiter length} bytes have arrived without a delimiter. No line after
 * the one whose handler closed the connection is delivered.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 */
public abstract class LineOnlyReceiver extends Protocol {

    /** The default {@link #maxLength()}: 16384 bytes, as Twisted's. */
    public static final int DEFAULT_MAX_LENGTH = LineReceiver.DEFAULT_MAX_LENGTH;

    private final ByteQueue buffer = new ByteQueue();
    private final LineFraming lines = new LineFraming(DEFAULT_MAX_LENGTH);

    /** For subclasses. */
    protected LineOnlyReceiver() {
    }

    /**
     * Called with each line received, without its delimiter.
     *
     * @param line the line's bytes, a new array the method may keep
     */
    protected abstract void lineReceived(byte[] line);

    /**
     * Called when a line is longer than {@link #maxLength()}. By default closes the connection; otherwise
     * parsing goes on with the bytes after the line, or with the next bytes read if its delimiter had not
     * arrived yet.
     *
     * @param line the line that is too long, or what has arrived of it
     */
    protected void lineLengthExceeded(byte[] line) {
        transport().loseConnection();
    }

    /** Cuts received bytes into lines; an override must call this one. */
    @Override
    public void dataReceived(ByteBuffer data) {
        buffer.add(data);
        while (!buffer.isEmpty() && !transport().isDisconnecting()) {
            int at = lines.findDelimiter(buffer);
            if (at < 0) {
                if (lines.unfinishedTooLong(buffer)) {
                    lines.restartSearch();
                    lineLengthExceeded(buffer.takeAll());
                }
                return;
            }
            byte[] line = lines.takeLine(buffer, at);
            if (line.length > lines.maxLength()) {
                lineLengthExceeded(line);
            } else {
                lineReceived(line);
            }
        }
    }

    /**
     * Sends {@code line} followed by the delimiter, in one write.
     *
     * @param line the line, without a delimiter
     */
    public void sendLine(byte[] line) {
        transport().write(lines.frame(line));
    }

    /**
     * Sends {@code line}, encoded as UTF-8, followed by the delimiter.
     *
     * @param line the line, without a delimiter
     */
    public final void sendLine(String line) {
        sendLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a copy of the delimiter that ends lines, {@code "\r\n"} unless set. */
    public final byte[] delimiter() {
        return lines.delimiter();
    }

    /**
     * Sets the delimiter that ends lines received from now on (including any already buffered) and sent.
     *
     * @param delimiter the delimiter, copied
     * @throws IllegalArgumentException if it is empty
     */
    public final void setDelimiter(byte[] delimiter) {
        lines.setDelimiter(delimiter);
    }

    /** Returns the longest line accepted, in bytes without the delimiter. */
    public final int maxLength() {
        return lines.maxLength();
    }

    /**
     * Sets the longest line accepted, in bytes without the delimiter.
     *
     * @param maxLength the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxLength(int maxLength) {
        lines.setMaxLength(maxLength);
    }
}
