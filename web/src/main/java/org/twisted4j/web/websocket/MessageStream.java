package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;

/**
 * One message sent in pieces, each going out as a frame of its own (a fragmented message, RFC 6455 section
 * 5.4), for messages too large to hold at once or produced over time. Get one from
 * {@link WebSocketConnection#beginText()} or {@link WebSocketConnection#beginBinary()}.
 *
 * <pre>{@code
 * MessageStream stream = connection.beginBinary();
 * stream.write(firstChunk);
 * stream.write(secondChunk);
 * stream.end();
 * }</pre>
 *
 * <p>While a stream is open, no other message can be sent on its connection (pings, pongs and close can);
 * control frames the peer sends meanwhile are still answered.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface MessageStream {

    /**
     * Sends the next piece of a binary message.
     *
     * @param data the bytes between position and limit; do not change them after the call
     * @throws IllegalStateException if the stream has ended, or it is a text stream
     */
    void write(ByteBuffer data);

    /**
     * Sends the next piece of a text message. A surrogate pair split between two pieces is joined correctly.
     *
     * @param text the piece
     * @throws IllegalStateException if the stream has ended, or it is a binary stream
     */
    void write(String text);

    /**
     * Ends the message with a final, empty frame; the connection can send other messages again.
     *
     * @throws IllegalStateException if the stream has already ended
     */
    void end();
}
