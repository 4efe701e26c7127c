package org.twisted4j.web.client;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A connection the {@link HTTPConnectionPool} hands out for a request: HTTP/1.1, one request at a time
 * ({@link HTTP11ClientProtocol}), or HTTP/2, many requests at once as streams ({@link Http2ClientSession}).
 *
 * <p>Threading: reactor thread only.
 */
interface PooledConnection {

    /**
     * Sends a request.
     *
     * @param request the request
     * @param responseTimeout seconds to wait for the response head, or 0 for no limit
     * @param userAgent the User-Agent field to add unless the request has one, or null
     * @return fires with the response once its head is in
     */
    Deferred<Response> request(ClientRequest request, double responseTimeout, @Nullable String userAgent);

    /** Closes the connection once what is under way allows. */
    void close();
}
