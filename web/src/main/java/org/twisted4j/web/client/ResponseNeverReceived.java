package org.twisted4j.web.client;

import org.jspecify.annotations.Nullable;

/**
 * The connection ended, or the response timeout passed, before any byte of the response arrived, as
 * Twisted's {@code ResponseNeverReceived}. The server may or may not have acted on the request. For an
 * idempotent request on a connection reused from the pool this is the stale-connection case, which the
 * {@link HTTPConnectionPool} retries once on a new connection (see
 * {@link HTTPConnectionPool.Builder#retryAutomatically}).
 *
 * <p>Threading: any thread (immutable).
 */
public final class ResponseNeverReceived extends ResponseFailed {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one.
     *
     * @param message what happened
     * @param cause the connection's error, or null
     */
    public ResponseNeverReceived(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
