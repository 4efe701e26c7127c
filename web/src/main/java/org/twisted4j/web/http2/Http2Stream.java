package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.Producer;

/**
 * One HTTP/2 stream as the application sees it: the request's header list, and the ways to answer — a header
 * block, body data, trailers — or to reset it. The request body arrives at the stream's
 * {@link Http2StreamHandler}.
 *
 * <h2>Flow control both ways</h2>
 * Received body data counts against the stream's and the connection's receive windows until the application
 * says it is done with it through {@link #consumed}: a handler that stops consuming stops the peer, as TCP
 * does. Data sent waits in the stream until the peer's windows admit it; {@link #bufferedBytes} says how much
 * waits. A stream is a {@link Consumer}: register a producer with {@link #registerProducer} and it is paused
 * while more than {@link #HIGH_WATER_MARK} octets wait and resumed (a pull producer: asked for more) when the
 * stream drains below {@link #LOW_WATER_MARK}; {@link #write} sends data without ending the stream.
 *
 * <pre>{@code
 * stream.sendHeaders(List.of(new HeaderField(":status", "200"), new HeaderField("content-type", "text/plain")), false);
 * stream.sendData(ByteBuffer.wrap(body), false);
 * stream.sendTrailers(List.of(new HeaderField("grpc-status", "0")));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface Http2Stream extends Consumer {
    /** Octets waiting to be sent above which a registered streaming producer is paused: 64 KiB. */
    int HIGH_WATER_MARK = 64 * 1024;

    /** Octets waiting to be sent at or below which a paused producer is resumed: 16 KiB. */
    int LOW_WATER_MARK = 16 * 1024;

    /** Returns the stream identifier, odd for a stream the client opened. */
    int id();

    /** Returns the request's header list, pseudo-header fields first, as received. */
    List<HeaderField> requestHeaders();

    /**
     * Sends a header block: the response head ({@code :status} first) or an informational (1xx) head.
     *
     * @throws IllegalStateException if the stream was ended or reset, or body data is waiting (use
     *     {@link #sendTrailers} after data)
     */
    void sendHeaders(List<HeaderField> headers, boolean endStream);

    /**
     * Sends {@code data}, after any data already waiting, as the windows allow; {@code endStream} ends the
     * stream after it. As with {@link Consumer#write}, the stream keeps the buffer until its bytes are sent
     * rather than copying them: do not change those bytes after the call (the buffer's position and limit
     * are the caller's).
     *
     * @throws IllegalStateException if the stream was ended or reset, or no header block was sent yet
     */
    void sendData(ByteBuffer data, boolean endStream);

    /**
     * Ends the stream with a trailer block, sent once all data waiting has gone.
     *
     * @throws IllegalStateException if the stream was ended or reset, or no header block was sent yet
     */
    void sendTrailers(List<HeaderField> trailers);

    /** Resets the stream with {@code code}, dropping what waits to be sent; nothing if it is closed already. */
    void reset(ErrorCode code);

    /**
     * Says the application is done with {@code octets} of received body data, returning them to the peer's
     * windows.
     *
     * @throws IllegalArgumentException if {@code octets} is negative or more than was received and not yet
     *     consumed
     */
    void consumed(int octets);

    /** Returns how many octets of body data wait to be sent. */
    int bufferedBytes();

    /** Returns whether the stream is still open in some direction (not closed, not reset). */
    boolean isOpen();

    /**
     * Sends {@code data} without ending the stream, as {@link #sendData sendData(data, false)}.
     *
     * @throws IllegalStateException as {@link #sendData}
     */
    @Override
    void write(ByteBuffer data);

    /**
     * Registers the producer of this stream's body: a streaming producer is paused and resumed with the
     * stream's backlog, a pull producer is asked for more each time the backlog drains.
     *
     * @throws IllegalStateException if a producer is registered already
     */
    @Override
    void registerProducer(Producer producer, boolean streaming);

    /** Forgets the registered producer, if any. */
    @Override
    void unregisterProducer();
}
