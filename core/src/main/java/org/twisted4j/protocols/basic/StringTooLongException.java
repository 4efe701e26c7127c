package org.twisted4j.protocols.basic;

/**
 * A string is too long for the length prefix it would be sent with, as Twisted's
 * {@code StringTooLongError}: thrown by {@link IntNStringReceiver#sendString(byte[])}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class StringTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was too long, and the most that fits
     */
    public StringTooLongException(String message) {
        super(message);
    }
}
