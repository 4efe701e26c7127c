package org.twisted4j.web.http2;

/**
 * The error codes of RFC 9113 §7, carried by RST_STREAM and GOAWAY frames.
 *
 * <p>Immutable; any thread.
 */
public enum ErrorCode {
    /** A graceful shutdown, or a stream ended without error. */
    NO_ERROR(0x0),
    /** The peer broke the protocol. */
    PROTOCOL_ERROR(0x1),
    /** An unexpected failure on this side. */
    INTERNAL_ERROR(0x2),
    /** The peer sent more than a flow-control window allowed. */
    FLOW_CONTROL_ERROR(0x3),
    /** SETTINGS were not acknowledged in time. */
    SETTINGS_TIMEOUT(0x4),
    /** A frame arrived on a stream already half-closed or closed. */
    STREAM_CLOSED(0x5),
    /** A frame had an invalid size. */
    FRAME_SIZE_ERROR(0x6),
    /** The stream was refused before any processing, so it may be retried. */
    REFUSED_STREAM(0x7),
    /** The stream is no longer needed. */
    CANCEL(0x8),
    /** The header compression context cannot be kept. */
    COMPRESSION_ERROR(0x9),
    /** A CONNECT tunnel failed. */
    CONNECT_ERROR(0xa),
    /** The peer behaves in a way that might generate excessive load. */
    ENHANCE_YOUR_CALM(0xb),
    /** The transport does not meet the minimum security requirements. */
    INADEQUATE_SECURITY(0xc),
    /** The peer should use HTTP/1.1 for this request. */
    HTTP_1_1_REQUIRED(0xd);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** Returns the 32-bit code sent on the wire. */
    public int code() {
        return code;
    }

    /**
     * Returns the error code for a wire value; an unknown value reads as {@link #INTERNAL_ERROR}, as RFC 9113
     * §7 allows, since unknown codes must not trigger any special behaviour.
     */
    public static ErrorCode of(long code) {
        for (ErrorCode known : values()) {
            if (known.code == code) {
                return known;
            }
        }
        return INTERNAL_ERROR;
    }
}
