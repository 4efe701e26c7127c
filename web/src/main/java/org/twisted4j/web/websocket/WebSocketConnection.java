package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;

/**
 * An open WebSocket connection, as its {@link WebSocketHandler} uses it to send messages, pings and the close;
 * the same on servers and clients (a client's frames are masked for it).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * public void onOpen(WebSocketConnection connection) {
 *     connection.sendText("hello");
 *     connection.sendBinary(ByteBuffer.wrap(bytes));
 *     connection.close(CloseCodes.NORMAL_CLOSURE, "done");
 * }
 * }</pre>
 *
 * <h2>Back-pressure</h2>
 * Sends never block: what the network cannot take at once is queued. When the queue passes the transport's
 * limit, the handler's {@link WebSocketHandler#pauseSending()} is called and {@link #isSendingPaused()} turns
 * true, until {@link WebSocketHandler#resumeSending()}. The other way, {@link #pauseReceiving()} stops reading
 * from the peer until {@link #resumeReceiving()}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 *
 * <h2>Pitfalls</h2>
 * Once a close has been sent or received, messages sent are dropped silently, as writes to a closed transport
 * are; {@link WebSocketHandler#onClose} tells when the connection is gone.
 */
public interface WebSocketConnection {

    /**
     * Sends a text message in one frame.
     *
     * @param text the message
     * @throws IllegalStateException if a {@link MessageStream} is open
     */
    void sendText(String text);

    /**
     * Sends a binary message in one frame.
     *
     * @param data the bytes between position and limit; do not change them after the call
     * @throws IllegalStateException if a {@link MessageStream} is open
     */
    void sendBinary(ByteBuffer data);

    /**
     * Starts a text message to be sent in pieces.
     *
     * @return the stream, to be ended with {@link MessageStream#end()}
     * @throws IllegalStateException if another {@link MessageStream} is open
     */
    MessageStream beginText();

    /**
     * Starts a binary message to be sent in pieces.
     *
     * @return the stream, to be ended with {@link MessageStream#end()}
     * @throws IllegalStateException if another {@link MessageStream} is open
     */
    MessageStream beginBinary();

    /**
     * Sends a ping; the peer answers with a pong carrying the same data ({@link WebSocketHandler#onPong}).
     *
     * @param payload at most 125 bytes of application data
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes
     */
    void ping(ByteBuffer payload);

    /**
     * Sends an unasked pong, as a one-way heartbeat. Pings from the peer are answered without this.
     *
     * @param payload at most 125 bytes of application data
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes
     */
    void pong(ByteBuffer payload);

    /** Starts the close handshake with {@link CloseCodes#NORMAL_CLOSURE} and no reason. */
    default void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }

    /**
     * Starts the close handshake: sends a close frame and waits, at most
     * {@link WebSocketOptions#closeTimeout()}, for the peer's close before closing the TCP connection. Calling
     * it again, or after the peer's close, does nothing.
     *
     * @param code the status code; one that {@link CloseCodes#isSendable} allows
     * @param reason why, at most 123 bytes once encoded as UTF-8
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    void close(int code, String reason);

    /** Closes the TCP connection at once, without a close handshake; the handler sees 1006. */
    void abort();

    /** Returns whether sending is paused by back-pressure: see {@link WebSocketHandler#pauseSending()}. */
    boolean isSendingPaused();

    /** Stops reading from the peer: no messages until {@link #resumeReceiving()}. */
    void pauseReceiving();

    /** Starts reading from the peer again after {@link #pauseReceiving()}. */
    void resumeReceiving();

    /** Returns the subprotocol the handshake agreed on, or null if none. */
    @Nullable String subprotocol();

    /** Returns the extensions the handshake agreed on, as the {@code Sec-WebSocket-Extensions} value, or "". */
    String extensions();

    /** Returns the address of the peer. */
    Address getPeer();

    /** Returns the address of this end. */
    Address getHost();
}
