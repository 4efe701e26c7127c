package org.twisted4j.web.client;

import java.io.IOException;

/**
 * A response body decoded to more bytes than a {@link ContentDecoderAgent}'s limit allows; the body fails
 * with it and the connection closes.
 *
 * <p>Threading: immutable.
 */
public final class DecodedBodyTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    DecodedBodyTooLarge(long limit) {
        super("the decoded body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** Returns the limit that was passed. */
    public long limit() {
        return limit;
    }
}
