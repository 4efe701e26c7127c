package org.twisted4j.words.irc;

import java.nio.ByteBuffer;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * The framing both IRC ends share: lines ending in LF (a CR before it is dropped), parsed into {@link
 * IrcMessage}s, and lines that do not parse or are too long reported to {@link #lineRefused} without losing the
 * lines after them.
 *
 * <h2>Limits</h2>
 * A line may be {@link IrcMessage#MAX_TAG_BYTES} plus {@link IrcMessage#MAX_LINE_BYTES} bytes in the buffer; past
 * that, the bytes up to the next LF are dropped and {@link #lineRefused} is told once. What a subclass holds per
 * connection is therefore bounded whatever a peer sends.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class IrcLineReceiver extends LineReceiver {

    private boolean discarding;

    /** Sets LF as the delimiter and the buffer limit to one tagged line. */
    @SuppressWarnings("this-escape")
    protected IrcLineReceiver() {
        setDelimiter(new byte[] {'\n'});
        setMaxLength(IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_LINE_BYTES);
    }

    /** Called with each message received. */
    protected abstract void messageReceived(IrcMessage message);

    /** Called with a line that is malformed or too long; the connection goes on unless this closes it. */
    protected abstract void lineRefused(IrcParseException error);

    @Override
    protected final void lineReceived(byte[] line) {
        if (discarding) {
            discarding = false;
            return;
        }
        if (line.length == 0 || line.length == 1 && line[0] == '\r') {
            return;
        }
        IrcMessage message;
        try {
            message = IrcMessage.parse(line);
        } catch (IrcParseException e) {
            lineRefused(e);
            return;
        }
        messageReceived(message);
    }

    @Override
    protected final void lineLengthExceeded(byte[] buffered) {
        int lf = -1;
        for (int i = 0; i < buffered.length; i++) {
            if (buffered[i] == '\n') {
                lf = i;
                break;
            }
        }
        boolean wasDiscarding = discarding;
        discarding = lf < 0;
        if (!wasDiscarding) {
            lineRefused(new IrcParseException("line longer than " + maxLength() + " bytes", true));
        }
        if (lf >= 0 && lf + 1 < buffered.length && !transport().isDisconnecting()) {
            dataReceived(ByteBuffer.wrap(buffered, lf + 1, buffered.length - lf - 1));
        }
    }

    /**
     * Sends a line, adding CR LF.
     *
     * @throws IllegalArgumentException if the line holds CR, LF or NUL
     */
    @Override
    public void sendLine(byte[] line) {
        transport().write(ByteBuffer.wrap(frame(line)));
    }

    /** Returns the line with CR LF added, after checking it holds no CR, LF or NUL. */
    protected static byte[] frame(byte[] line) {
        for (byte b : line) {
            if (b == '\r' || b == '\n' || b == 0) {
                throw new IllegalArgumentException("an IRC line cannot hold CR, LF or NUL");
            }
        }
        byte[] framed = new byte[line.length + 2];
        System.arraycopy(line, 0, framed, 0, line.length);
        framed[line.length] = '\r';
        framed[line.length + 1] = '\n';
        return framed;
    }

    /** Sends a message. */
    public void sendMessage(IrcMessage message) {
        sendLine(message.toLine());
    }
}
