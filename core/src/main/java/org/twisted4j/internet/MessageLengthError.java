package org.twisted4j.internet;

/**
 * A datagram is too long to send (EMSGSIZE), as Twisted's {@code twisted.internet.error.MessageLengthError}:
 * over the protocol's limit (65507 bytes of payload for UDP over IPv4) or the socket's send buffer.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class MessageLengthError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param length how long the datagram was, in bytes
     * @param cause the error from the operating system
     */
    public MessageLengthError(int length, Throwable cause) {
        super("a datagram of " + length + " bytes is too long to send", cause);
    }
}
