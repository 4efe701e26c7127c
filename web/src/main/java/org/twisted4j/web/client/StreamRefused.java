package org.twisted4j.web.client;

import java.io.Serial;

/**
 * The cause of a {@link ResponseNeverReceived} when an HTTP/2 server did not process the request: it refused
 * the stream (REFUSED_STREAM), or its GOAWAY named an earlier last stream, or the connection went away before
 * the request left. Such a request may be sent again whatever its method, which the pool does once.
 *
 * <p>Threading: any thread (immutable).
 */
final class StreamRefused extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    StreamRefused(String message) {
        super(message, null, false, false);
    }
}
