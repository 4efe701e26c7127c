package org.twisted4j.web.client;

import java.io.IOException;

/**
 * A response body longer than the reader's limit ({@link Response#readBody(long)}); the body was aborted.
 *
 * <p>Threading: immutable.
 */
public final class ResponseBodyTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    ResponseBodyTooLarge(long limit) {
        super("the response body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** Returns the limit that was passed. */
    public long limit() {
        return limit;
    }
}
