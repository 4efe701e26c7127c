package org.twisted4j.conch.transport;

/**
 * The one error the SSH codecs and state machines throw for bad input from the peer: it carries the
 * {@link DisconnectReason} code the connection is closed with.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class SshProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int reason;

    /**
     * Makes the exception.
     *
     * @param reason a {@link DisconnectReason} code
     * @param message what was wrong, sent to the peer in the disconnect message
     */
    public SshProtocolException(int reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Returns the {@link DisconnectReason} code. */
    public int reason() {
        return reason;
    }
}
