package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * A protocol that receives lines, and raw bytes when asked to, as Twisted's {@code LineReceiver}: the base
 * of line-oriented protocols such as SMTP, POP3, IRC or HTTP/1.1 headers.
 *
 * <h2>Using it</h2>
 * Implement {@link #lineReceived(byte[])}; it is called with each line, without its delimiter, however
 * the bytes were split across reads. Answer with {@link #sendLine(byte[])}.
 *
 * <pre>{@code
 * final class Shout extends LineReceiver {
 *     @Override
 *     protected void lineReceived(byte[] line) {
 *         String text = new String(line, StandardCharsets.UTF_8);
 *         if (text.equals("QUIT")) {
 *             transport().loseConnection();   // lines after this one are not delivered
 *         } else {
 *             sendLine(text.toUpperCase(Locale.ROOT));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lines are bytes.</b> The one abstract method takes {@code byte[]}, as Twisted's takes bytes: a
 * line protocol defines its own charset (often ASCII, sometimes Latin-1 or UTF-8, sometimes binary after a
 * command), so decoding is the subclass's choice. The array is the subclass's to keep.
 *
 * <h2>Raw mode</h2>
 * {@link #setRawMode()} sends everything after the current line to {@link #rawDataReceived(ByteBuffer)}
 * instead, starting with the bytes of the same read that follow it: the way to read a body of known length.
 * {@link #setLineMode(ByteBuffer)} switches back and parses the bytes it is given (what followed the body)
 * as lines.
 *
 * <h2>Limits</h2>
 * A line longer than {@link #maxLength()} bytes (default {@value #DEFAULT_MAX_LENGTH}) goes to
 * {@link #lineLengthExceeded(byte[])}, which by default closes the connection. An unfinished line is
 * judged too long once the buffered bytes reach {@code maxLength + delimiter length} without a delimiter,
 * since until then they could still end in a line of the maximum length.
 *
 * <h2>Flow control</h2>
 * A line receiver is a {@link PushProducer} of its lines: {@link #pauseProducing()}, called from
 * {@code lineReceived} or later, stops both line delivery (lines already read wait in the buffer) and
 * reading from the transport; {@link #resumeProducing()} delivers the waiting lines, then reads again.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 *
 * <h2>Pitfalls</h2>
 * Parsing is incremental and linear in the bytes read: a delimiter split across two reads is found, and
 * many small reads cost no more than one large one. Changing the delimiter takes effect for the next line.
 */
public abstract class LineReceiver extends Protocol implements PushProducer {

    /** The default {@link #maxLength()}: 16384 bytes, as Twisted's. */
    public static final int DEFAULT_MAX_LENGTH = 16_384;

    private final PausableDelivery delivery = new PausableDelivery() {
        @Override
        Transport transport() {
            return LineReceiver.this.transport();
        }

        @Override
        boolean deliverNext() {
            if (lineMode) {
                return nextLine(buffer());
            }
            rawDataReceived(ByteBuffer.wrap(buffer().takeAll()));
            return true;
        }
    };
    private final LineFraming lines = new LineFraming(DEFAULT_MAX_LENGTH);
    private boolean lineMode = true;

    /** For subclasses. */
    protected LineReceiver() {
    }

    /**
     * Called with each line received, without its delimiter, while in line mode.
     *
     * @param line the line's bytes, a new array the method may keep
     */
    protected abstract void lineReceived(byte[] line);

    /**
     * Called with bytes received in raw mode. The buffer is valid only during the call, as in
     * {@link Protocol#dataReceived}: copy what must be kept. The default throws, since a subclass that
     * calls {@link #setRawMode()} must override it.
     *
     * @param data the bytes, between its position and limit
     * @throws UnsupportedOperationException unless overridden
     */
    protected void rawDataReceived(ByteBuffer data) {
        throw new UnsupportedOperationException(getClass().getName() + " set raw mode but does not override rawDataReceived");
    }

    /**
     * Called when a line is longer than {@link #maxLength()}. By default closes the connection.
     *
     * @param line the rest of the buffer, starting with the line that is too long (with its delimiter and
     *     any lines after it when the delimiter had arrived, or just what has arrived of it otherwise); the
     *     buffer is empty when this is called, so parsing resumes with the next bytes read, or with bytes
     *     given back with {@link #setLineMode(ByteBuffer)}
     */
    protected void lineLengthExceeded(byte[] line) {
        transport().loseConnection();
    }

    /**
     * Cuts received bytes into lines (or passes them on raw, in raw mode). Subclasses normally leave it
     * alone; an override must call this one.
     */
    @Override
    public void dataReceived(ByteBuffer data) {
        if (!lineMode && delivery.isIdle() && !transport().isDisconnecting()) {
            delivery.deliverUnbuffered(() -> rawDataReceived(data));
        } else {
            delivery.receive(data);
        }
    }

    /** Delivers the next line, or reports it too long; returns false if no whole line is buffered yet. */
    private boolean nextLine(ByteQueue buffer) {
        int at = lines.findDelimiter(buffer);
        if (at < 0) {
            if (lines.unfinishedTooLong(buffer)) {
                lines.restartSearch();
                lineLengthExceeded(buffer.takeAll());
                return true;
            }
            return false;
        }
        if (at > lines.maxLength()) {
            lineLengthExceeded(buffer.takeAll());
            return true;
        }
        lineReceived(lines.takeLine(buffer, at));
        return true;
    }

    /**
     * Switches to raw mode: the bytes after the current line, and all received later, go to
     * {@link #rawDataReceived(ByteBuffer)}.
     */
    public final void setRawMode() {
        lineMode = false;
    }

    /** Switches to line mode: bytes received from now on are cut into lines. */
    public final void setLineMode() {
        lineMode = true;
    }

    /**
     * Switches to line mode and parses {@code extra} as lines, after anything already buffered. Call it
     * from {@link #rawDataReceived(ByteBuffer)} with the bytes that follow the raw part.
     *
     * @param extra bytes to parse as lines, between its position and limit; read by this call
     */
    public final void setLineMode(ByteBuffer extra) {
        lineMode = true;
        if (extra.hasRemaining()) {
            dataReceived(extra);
        }
    }

    /** Returns whether received bytes are cut into lines (true) or passed on raw (false). */
    public final boolean isLineMode() {
        return lineMode;
    }

    /**
     * Empties the buffer of bytes received but not yet delivered, and returns them. From
     * {@code lineReceived}, that is everything after the current line.
     *
     * @return the bytes that were buffered, possibly none
     */
    public final byte[] clearLineBuffer() {
        lines.restartSearch();
        return delivery.buffer().takeAll();
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
     * Sets the delimiter that ends lines, for lines received from now on (including any already buffered)
     * and lines sent.
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

    /** Returns whether line delivery is paused by {@link #pauseProducing()} or {@link #stopProducing()}. */
    public final boolean isPaused() {
        return delivery.isPaused();
    }

    /** Stops delivering lines, and pauses reading from the transport, until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        delivery.pause();
    }

    /**
     * Resumes reading from the transport and delivers the lines that waited, until they are all delivered
     * or a line handler pauses again.
     */
    @Override
    public void resumeProducing() {
        delivery.resume();
    }

    /** Stops delivering lines for good, and stops the transport (which closes the connection). */
    @Override
    public void stopProducing() {
        delivery.stop();
    }

    /** Returns how many received bytes wait in the buffer. */
    protected final int bufferedBytes() {
        return delivery.buffer().size();
    }
}
