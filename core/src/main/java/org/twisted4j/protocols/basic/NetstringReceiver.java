package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Protocol;
import org.twisted4j.protocols.basic.NetstringParseError.Reason;

/**
 * A protocol that sends and receives netstrings ({@code 5:hello,}: decimal length, colon, bytes, comma),
 * as Twisted's {@code NetstringReceiver}.
 *
 * <pre>{@code
 * final class Echo extends NetstringReceiver {
 *     @Override
 *     protected void stringReceived(byte[] string) {
 *         sendString(string);
 *     }
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * The peer is broken, and the bytes are refused, when the length has no digits, has a leading zero
 * ({@code 007:}), is followed by anything but a colon, or exceeds {@link #maxLength()} (default
 * {@value #DEFAULT_MAX_LENGTH}; an overlong length is refused digit by digit, before the colon arrives), or
 * when the byte after the string is not a comma. Each becomes a {@link NetstringParseError} passed to
 * {@link #netstringParseError}, which by default closes the connection; from then on
 * {@link #isBrokenPeer()} is true and further bytes are ignored.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 */
public abstract class NetstringReceiver extends Protocol {

    /** The default {@link #maxLength()}: 99999 bytes, as Twisted's. */
    public static final int DEFAULT_MAX_LENGTH = 99_999;

    private int maxLength = DEFAULT_MAX_LENGTH;
    private boolean brokenPeer;
    /** The length read so far, or -1 before its first digit. */
    private long length = -1;
    private boolean leadingZero;
    /** The string being read, once the colon has arrived; null while reading the length. */
    private byte @Nullable [] payload;
    private int payloadRead;

    /** For subclasses. */
    protected NetstringReceiver() {
    }

    /**
     * Called with each netstring received, without its framing.
     *
     * @param string the string's bytes, a new array the method may keep
     */
    protected abstract void stringReceived(byte[] string);

    /**
     * Called when the received bytes are not a valid netstring, after which the receiver ignores what
     * arrives. By default closes the connection.
     *
     * @param error what was wrong
     */
    protected void netstringParseError(NetstringParseError error) {
        transport().loseConnection();
    }

    /** Parses received bytes into netstrings; an override must call this one. */
    @Override
    public void dataReceived(ByteBuffer data) {
        try {
            while (data.hasRemaining() && !brokenPeer && !transport().isDisconnecting()) {
                byte[] string = payload;
                if (string == null) {
                    consumeLength(data.get());
                } else if (payloadRead < string.length) {
                    int count = Math.min(data.remaining(), string.length - payloadRead);
                    data.get(string, payloadRead, count);
                    payloadRead += count;
                } else {
                    consumeComma(data.get(), string);
                }
            }
        } catch (NetstringParseError error) {
            brokenPeer = true;
            netstringParseError(error);
        }
    }

    private void consumeLength(byte b) {
        if (b == ':' && length >= 0) {
            payload = new byte[(int) length];
            payloadRead = 0;
            return;
        }
        if (b < '0' || b > '9' || leadingZero) {
            throw new NetstringParseError(Reason.MISSING_LENGTH,
                    "the received netstring does not start with a length (decimal digits, no leading zero, then ':')");
        }
        if (length < 0) {
            length = 0;
            leadingZero = b == '0';
        }
        length = length * 10 + (b - '0');
        if (length > maxLength) {
            throw new NetstringParseError(Reason.TOO_LONG,
                    "the received netstring is longer than the maximum of " + maxLength + " bytes");
        }
    }

    private void consumeComma(byte b, byte[] string) {
        if (b != ',') {
            throw new NetstringParseError(Reason.MISSING_COMMA, "the received netstring does not end with a comma");
        }
        payload = null;
        length = -1;
        leadingZero = false;
        stringReceived(string);
    }

    /**
     * Sends {@code string} as a netstring, in one write.
     *
     * @param string the bytes to send
     */
    public void sendString(byte[] string) {
        byte[] prefix = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + string.length + 1];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(string, 0, framed, prefix.length, string.length);
        framed[framed.length - 1] = ',';
        transport().write(framed);
    }

    /** Returns whether the peer sent an invalid netstring, after which received bytes are ignored. */
    public final boolean isBrokenPeer() {
        return brokenPeer;
    }

    /** Returns the longest string accepted, in bytes. */
    public final int maxLength() {
        return maxLength;
    }

    /**
     * Sets the longest string accepted, in bytes.
     *
     * @param maxLength the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("the maximum string length must not be negative, not " + maxLength);
        }
        this.maxLength = maxLength;
    }
}
