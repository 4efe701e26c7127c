package org.twisted4j.web.http2;

import java.io.Serial;

/**
 * An HTTP/2 error found while reading the peer's bytes: a connection error (stream 0), after which the connection
 * sends GOAWAY and closes, or a stream error, after which only that stream is reset.
 */
final class Http2Exception extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int streamId;

    private Http2Exception(ErrorCode code, int streamId, String message) {
        super(message, null, false, false);
        this.code = code;
        this.streamId = streamId;
    }

    /** An error that ends the whole connection. */
    static Http2Exception connection(ErrorCode code, String message) {
        return new Http2Exception(code, 0, message);
    }

    /** An error that resets stream {@code streamId} only. */
    static Http2Exception stream(int streamId, ErrorCode code, String message) {
        return new Http2Exception(code, streamId, message);
    }

    /** A connection error of type COMPRESSION_ERROR. */
    static Http2Exception compression(String message) {
        return connection(ErrorCode.COMPRESSION_ERROR, message);
    }

    ErrorCode code() {
        return code;
    }

    /** The stream to reset, or 0 for a connection error. */
    int streamId() {
        return streamId;
    }

    boolean isConnectionError() {
        return streamId == 0;
    }
}
