package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    private byte[] delimiter = {'\r', '\n'};
    private int maxLength = DEFAULT_MAX_LENGTH;
    private int scanFrom;

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
            int at = buffer.indexOf(delimiter, scanFrom);
            if (at < 0) {
                scanFrom = Math.max(0, buffer.size() - delimiter.length + 1);
                if (buffer.size() >= (long) maxLength + delimiter.length) {
                    scanFrom = 0;
                    lineLengthExceeded(buffer.takeAll());
                }
                return;
            }
            scanFrom = 0;
            byte[] line = buffer.take(at);
            buffer.skip(delimiter.length);
            if (line.length > maxLength) {
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
        byte[] framed = Arrays.copyOf(line, line.length + delimiter.length);
        System.arraycopy(delimiter, 0, framed, line.length, delimiter.length);
        transport().write(framed);
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
        return delimiter.clone();
    }

    /**
     * Sets the delimiter that ends lines received from now on (including any already buffered) and sent.
     *
     * @param delimiter the delimiter, copied
     * @throws IllegalArgumentException if it is empty
     */
    public final void setDelimiter(byte[] delimiter) {
        this.delimiter = LineReceiver.checkDelimiter(delimiter);
        scanFrom = 0;
    }

    /** Returns the longest line accepted, in bytes without the delimiter. */
    public final int maxLength() {
        return maxLength;
    }

    /**
     * Sets the longest line accepted, in bytes without the delimiter.
     *
     * @param maxLength the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("the maximum line length must not be negative, not " + maxLength);
        }
        this.maxLength = maxLength;
    }
}
