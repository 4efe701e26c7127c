package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What the application does with one stream a peer opened: it gets the request body, the trailers, the end of
 * the request and a reset. The application makes one per stream through its {@link Factory}, called once the
 * request's header list has arrived and passed validation; the handler answers through the
 * {@link Http2Stream} it was made for.
 *
 * <pre>{@code
 * Http2StreamHandler.Factory hello = stream -> new Http2StreamHandler() {
 *     public void dataReceived(ByteBuffer data) {
 *         stream.consumed(data.remaining());
 *     }
 *
 *     public void endOfStream() {
 *         stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
 *         stream.sendData(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), true);
 *     }
 * };
 * }</pre>
 *
 * <p>Reactor thread only. A handler that throws has its stream reset with INTERNAL_ERROR.
 */
public interface Http2StreamHandler {

    /** Makes the handler of each new stream. */
    @FunctionalInterface
    interface Factory {
        /** Returns the handler for {@code stream}, whose {@link Http2Stream#requestHeaders} are complete. */
        Http2StreamHandler newStream(Http2Stream stream);
    }

    /**
     * Receives a piece of the request body. The octets count against the flow-control windows until the
     * handler calls {@link Http2Stream#consumed} for them: call it as soon as they are processed.
     */
    void dataReceived(ByteBuffer data);

    /** Receives the request's trailer block; {@link #endOfStream} follows. */
    default void trailersReceived(List<HeaderField> trailers) {
    }

    /** The request is complete: nothing more arrives on this stream. */
    default void endOfStream() {
    }

    /**
     * The stream is gone before it completed: the peer reset it with {@code code}, the request was malformed
     * (PROTOCOL_ERROR), or the connection ended (its GOAWAY code, or CANCEL when the connection was lost).
     */
    default void reset(ErrorCode code) {
    }
}
