package org.twisted4j.web.client;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.http2.Http2ClientConnection;

/**
 * An HTTP/2 connection as the pool holds it: every request becomes an {@link Http2Exchange} on a stream of the
 * one {@link Http2ClientConnection}, which queues those beyond the server's concurrency limit.
 *
 * <p>Threading: reactor thread only.
 */
final class Http2ClientSession implements PooledConnection {

    private final ReactorTime clock;
    private final Http2ClientConnection connection;

    Http2ClientSession(ReactorTime clock, Http2ClientConnection connection) {
        this.clock = clock;
        this.connection = connection;
    }

    /** Returns the HTTP/2 protocol on the connection. */
    Http2ClientConnection connection() {
        return connection;
    }

    @Override
    public Deferred<Response> request(ClientRequest request, double responseTimeout, @Nullable String userAgent) {
        return new Http2Exchange(connection, request, clock).start(responseTimeout, userAgent);
    }

    /** Returns whether new requests may go on this connection. */
    boolean acceptsRequests() {
        return connection.isAcceptingStreams();
    }

    /** Returns whether no request is under way or waiting on this connection. */
    boolean isIdle() {
        return connection.activeStreams() == 0 && connection.waitingRequests() == 0;
    }

    /** Ends the connection gracefully: GOAWAY, then the close once the streams under way are done. */
    @Override
    public void close() {
        connection.goAway();
    }

    @Override
    public String toString() {
        return "Http2ClientSession[" + connection.activeStreams() + " streams, " + connection.waitingRequests()
                + " waiting]";
    }
}
