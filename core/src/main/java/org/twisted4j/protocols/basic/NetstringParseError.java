package org.twisted4j.protocols.basic;

/**
 * Received bytes are not a valid netstring, as Twisted's {@code NetstringParseError}: the length is
 * missing or malformed, longer than allowed, or the string does not end with a comma. A
 * {@link NetstringReceiver} hands it to {@link NetstringReceiver#netstringParseError} and stops parsing.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class NetstringParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** The netstring does not start with a length: a non-digit, or a digit after a leading zero. */
        MISSING_LENGTH,
        /** The length is greater than the receiver's maximum. */
        TOO_LONG,
        /** The byte after the string, where the comma belongs, is something else. */
        MISSING_COMMA
    }

    private final Reason reason;

    /**
     * Creates the error.
     *
     * @param reason what was wrong
     * @param message the details, for people reading logs
     */
    public NetstringParseError(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Returns what was wrong. */
    public Reason reason() {
        return reason;
    }
}
