package org.twisted4j.web.sse;

import java.io.Serial;

/** An event of a stream grew past the reader's limit ({@link EventStreamParser#setMaxEventChars}). */
public final class EventStreamTooLarge extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param limit the limit, in characters
     */
    public EventStreamTooLarge(int limit) {
        super("an event of the stream holds more than " + limit + " characters");
    }
}
