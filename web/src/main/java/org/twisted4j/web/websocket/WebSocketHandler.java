package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;

/**
 * The application's side of one WebSocket connection: it is told when the connection opens, receives each
 * whole message, and learns how the connection closed. The same interface serves servers and clients.
 *
 * <h2>Using it</h2>
 * Implement what you need; every method does nothing by default.
 *
 * <pre>{@code
 * final class Echo implements WebSocketHandler {
 *     private WebSocketConnection connection;
 *     public void onOpen(WebSocketConnection connection) { this.connection = connection; }
 *     public void onText(String text) { connection.sendText(text); }
 *     public void onBinary(ByteBuffer data) { connection.sendBinary(data); }
 * }
 * }</pre>
 *
 * <p>The life of a handler: {@link #onOpen} once, when the opening handshake has succeeded; then messages,
 * pings and pongs in the order they arrived, and {@link #pauseSending()}/{@link #resumeSending()} as the
 * connection's send buffer fills and drains; finally {@link #onClose} exactly once. One instance serves one
 * connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only: every method is called on the reactor's thread, one at a time.
 *
 * <h2>Pitfalls</h2>
 * Messages arrive whole, so their size is bounded only by {@link WebSocketOptions#maxMessageSize()}; keep it as
 * small as the application allows. A handler that throws from a callback has the connection closed with
 * {@link CloseCodes#INTERNAL_ERROR}.
 */
public interface WebSocketHandler {

    /**
     * Called once the opening handshake has succeeded; the connection can be used from now on.
     *
     * @param connection where to send messages and how to close
     */
    default void onOpen(WebSocketConnection connection) {
    }

    /**
     * Called with each text message, whole (its fragments joined), already checked to be UTF-8.
     *
     * @param text the message
     */
    default void onText(String text) {
    }

    /**
     * Called with each binary message, whole (its fragments joined).
     *
     * @param data the message, between position and limit; the handler owns the buffer
     */
    default void onBinary(ByteBuffer data) {
    }

    /**
     * Called when a ping arrives, after the pong answering it has been sent.
     *
     * @param payload the ping's application data, at most 125 bytes; the handler owns the buffer
     */
    default void onPing(ByteBuffer payload) {
    }

    /**
     * Called when a pong arrives, whether it answers a ping of ours or was sent unasked.
     *
     * @param payload the pong's application data, at most 125 bytes; the handler owns the buffer
     */
    default void onPong(ByteBuffer payload) {
    }

    /**
     * Called when the connection's send buffer has filled past its limit: messages sent now are still queued,
     * but a handler that produces a stream of them should hold back until {@link #resumeSending()}.
     * {@link WebSocketConnection#isSendingPaused()} tells the same at any time.
     */
    default void pauseSending() {
    }

    /** Called when the send buffer has drained after {@link #pauseSending()}. */
    default void resumeSending() {
    }

    /**
     * Called once when the connection has ended. After a clean close handshake, {@code code} is the status the
     * peer sent ({@link CloseCodes#NO_STATUS_RECEIVED} if it sent none); when this end failed the connection
     * because the peer broke the protocol, it is the code sent to the peer (such as
     * {@link CloseCodes#PROTOCOL_ERROR}); when the connection was lost without a handshake, it is
     * {@link CloseCodes#ABNORMAL_CLOSURE}.
     *
     * @param code the status code
     * @param reason the reason that came with it, or a description of the failure; may be empty
     */
    default void onClose(int code, String reason) {
    }
}
