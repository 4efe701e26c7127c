package org.twisted4j.web.sse;

import java.io.Serial;

/**
 * The server answered an {@link EventSource} with something other than an event stream (a status other than 200,
 * or a type other than {@code text/event-stream}); as a browser does, the source then stops for good.
 */
public final class EventSourceRefused extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what the server answered
     */
    public EventSourceRefused(String message) {
        super(message);
    }
}
