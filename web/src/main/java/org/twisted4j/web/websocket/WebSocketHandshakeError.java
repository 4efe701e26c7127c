package org.twisted4j.web.websocket;

/**
 * A client's opening handshake failed: the server did not answer {@code 101 Switching Protocols}, or its
 * answer broke RFC 6455 section 4.1 (a wrong {@code Sec-WebSocket-Accept}, an extension or subprotocol that
 * was not offered), or the connection ended first. The Deferred of {@link WebSocketClient#connect} fails with
 * it.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class WebSocketHandshakeError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Makes the error.
     *
     * @param status the HTTP status the server answered with, or 0 if there was no complete answer
     * @param message what went wrong
     */
    public WebSocketHandshakeError(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Returns the HTTP status the server answered with, or 0 if there was no complete answer. */
    public int status() {
        return status;
    }
}
