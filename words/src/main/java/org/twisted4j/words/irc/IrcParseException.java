package org.twisted4j.words.irc;

import java.io.Serial;

/**
 * The one error the IRC line codec throws: the line is not an IRC message (empty, a malformed prefix or tag
 * section, a command that is neither letters nor a three-digit numeric) or is longer than the limits.
 *
 * <p>A server answers it with a numeric ({@code 417 ERR_INPUTTOOLONG} for {@link #isTooLong() too long}, else
 * the line is ignored) and keeps the connection; a client ignores the line.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class IrcParseException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean tooLong;

    /**
     * Creates the error.
     *
     * @param message what is wrong with the line
     * @param tooLong whether the line broke a length limit
     */
    public IrcParseException(String message, boolean tooLong) {
        super(message);
        this.tooLong = tooLong;
    }

    /** Returns whether the line broke the 512-byte (or tag) length limit, rather than being malformed. */
    public boolean isTooLong() {
        return tooLong;
    }
}
