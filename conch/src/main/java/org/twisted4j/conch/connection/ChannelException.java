package org.twisted4j.conch.connection;

/**
 * A peer broke the channel rules (data beyond the window, after EOF, larger than the maximum packet); the
 * connection ends with {@code SSH_DISCONNECT_PROTOCOL_ERROR}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
final class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;

    ChannelException(String message) {
        super(message);
    }
}
