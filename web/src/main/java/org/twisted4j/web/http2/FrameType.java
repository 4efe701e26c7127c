package org.twisted4j.web.http2;

import org.jspecify.annotations.Nullable;

/** The frame types of RFC 9113 §6, and the flag bits they use. */
enum FrameType {
    DATA(0x0), HEADERS(0x1), PRIORITY(0x2), RST_STREAM(0x3), SETTINGS(0x4), PUSH_PROMISE(0x5), PING(0x6),
    GOAWAY(0x7), WINDOW_UPDATE(0x8), CONTINUATION(0x9);

    /** END_STREAM on DATA and HEADERS. */
    static final int FLAG_END_STREAM = 0x1;
    /** ACK on SETTINGS and PING. */
    static final int FLAG_ACK = 0x1;
    /** END_HEADERS on HEADERS, PUSH_PROMISE and CONTINUATION. */
    static final int FLAG_END_HEADERS = 0x4;
    /** PADDED on DATA, HEADERS and PUSH_PROMISE. */
    static final int FLAG_PADDED = 0x8;
    /** PRIORITY on HEADERS. */
    static final int FLAG_PRIORITY = 0x20;

    /** The frame header's length: 24-bit length, type, flags, 31-bit stream id. */
    static final int HEADER_LENGTH = 9;

    private static final FrameType[] BY_CODE = values();

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Returns the type with wire code {@code code}, or null for an unknown type (which is ignored). */
    static @Nullable FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
