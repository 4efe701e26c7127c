package org.twisted4j.web.http2;

import java.util.List;

/**
 * What a client does with one request it sent on an {@link Http2ClientConnection}: it sends the request body once
 * the stream has started, then gets the response head, its body pieces, its trailers and its end, or the
 * stream's failure. Interim (1xx) heads are skipped.
 *
 * <pre>{@code
 * connection.request(List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "https"),
 *         new HeaderField(":authority", "example.org"), new HeaderField(":path", "/")), true,
 *         new Http2ResponseHandler() {
 *             Http2Stream stream;
 *             public void started(Http2Stream started) { stream = started; }
 *             public void responseReceived(List<HeaderField> head) { System.out.println(head.get(0)); }
 *             public void dataReceived(ByteBuffer data) { stream.consumed(data.remaining()); }
 *             public void failed(ErrorCode code, String reason, boolean unprocessed) { System.out.println(reason); }
 *         });
 * }</pre>
 *
 * <h2>Flow control</h2>
 * Body pieces count against the windows until {@link Http2Stream#consumed} is called for them: a handler that
 * holds them back (a paused reader) stops the server once the stream's window is used up.
 *
 * <p>Reactor thread only. A handler that throws has its stream reset with INTERNAL_ERROR.
 */
public interface Http2ResponseHandler extends Http2StreamHandler {

    /**
     * The request's header block went out on {@code stream} (possibly after waiting for the server's
     * concurrency limit): send the request body through it, ending it with {@code sendData(..., true)}.
     */
    default void started(Http2Stream stream) {
    }

    /** Receives the final response head, {@code :status} first; the body, trailers or end follow. */
    void responseReceived(List<HeaderField> headers);

    /**
     * The stream ended before its response was complete, or was reset by the server after it.
     *
     * @param code the server's RST_STREAM or GOAWAY code, the error this end found (PROTOCOL_ERROR for a
     *     malformed response), or CANCEL when the connection was lost
     * @param reason what happened, for messages
     * @param unprocessed whether the server did not act on the request (REFUSED_STREAM, a stream above a
     *     GOAWAY's last stream, or a request that never left this end), so it may be sent again elsewhere
     */
    void failed(ErrorCode code, String reason, boolean unprocessed);

    /** Reports a reset as {@link #failed failed(code, ..., false)}. */
    @Override
    default void reset(ErrorCode code) {
        failed(code, "the stream was reset with " + code, false);
    }
}
