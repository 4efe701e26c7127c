package org.twisted4j.web.client;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionClosed;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.web.client.NegotiatingProtocol.Mode;

/**
 * One request through the pool: takes the key's HTTP/2 connection, an idle HTTP/1.1 one, waits for a
 * connection being made that may speak HTTP/2, or makes one; sends the request; sends it once more on a new
 * connection if a reused one turned out stale or an HTTP/2 server did not process it; and stops whatever is
 * under way if cancelled.
 *
 * <p>Threading: reactor thread only.
 */
final class PooledRequest {

    private final HTTPConnectionPool pool;
    private final PoolKey key;
    private final Supplier<StreamClientEndpoint> endpoint;
    private final Mode mode;
    private ClientRequest request;
    private final double responseTimeout;
    private final @Nullable String userAgent;
    private final Deferred<Response> result = new Deferred<>(this::cancel);
    private @Nullable Deferred<?> step;
    private boolean cancelled;
    private boolean retried;

    PooledRequest(HTTPConnectionPool pool, PoolKey key, Supplier<StreamClientEndpoint> endpoint, Mode mode,
            ClientRequest request, double responseTimeout, @Nullable String userAgent) {
        this.pool = pool;
        this.key = key;
        this.endpoint = endpoint;
        this.mode = mode;
        this.request = request;
        this.responseTimeout = responseTimeout;
        this.userAgent = userAgent;
    }

    /** Starts the request; the Deferred fires with the response. */
    Deferred<Response> start() {
        if (!request.persistent()) {
            connect();
            return result;
        }
        Http2ClientSession shared = pool.takeMultiplexed(key);
        HTTP11ClientProtocol cached = shared == null ? pool.takeCached(key) : null;
        if (shared != null) {
            send(shared, true);
        } else if (cached != null) {
            send(cached, true);
        } else {
            awaitOrConnect();
        }
        return result;
    }

    /** Waits for the key's connection being made if it may speak HTTP/2; else makes one. */
    private void awaitOrConnect() {
        Deferred<@Nullable Http2ClientSession> pending = mode == Mode.HTTP1 ? null : pool.awaitNegotiation(key);
        if (pending == null) {
            connect();
            return;
        }
        step = pending;
        pending.addCallbacks(session -> {
            if (cancelled) {
                return null;
            }
            if (session != null) {
                send(session, false);
            } else {
                connect();
            }
            return null;
        }, failure -> {
            fail(failure);
            return null;
        });
    }

    private void connect() {
        Deferred<PooledConnection> connecting;
        try {
            connecting = pool.newConnection(key, endpoint.get(), mode);
        } catch (RuntimeException e) {
            result.errback(e);
            return;
        }
        step = connecting;
        connecting.addCallbacks(connection -> {
            if (cancelled) {
                if (connection instanceof HTTP11ClientProtocol) {
                    connection.close();
                }
            } else {
                send(connection, false);
            }
            return null;
        }, failure -> {
            fail(failure);
            return null;
        });
    }

    private void send(PooledConnection connection, boolean reused) {
        Deferred<Response> sending = connection.request(request, responseTimeout, userAgent);
        step = sending;
        sending.addCallbacks(response -> {
            step = null;
            result.callback(response);
            return null;
        }, failure -> {
            boolean refused = refused(failure);
            ClientRequest again = !cancelled && !retried && (refused || reused && stale(failure))
                    ? request.again() : null;
            if (again != null) {
                retried = true;
                request = again;
                Http2ClientSession shared = refused ? pool.takeMultiplexed(key) : null;
                if (shared != null) {
                    send(shared, false);
                } else if (refused) {
                    awaitOrConnect();
                } else {
                    connect();
                }
            } else {
                fail(failure);
            }
            return null;
        });
    }

    /** Whether the failure is a reused connection's having been closed under the request. */
    private boolean stale(Failure failure) {
        Throwable error = failure.value();
        boolean beforeResponse = error instanceof ResponseNeverReceived || error instanceof RequestTransmissionFailed;
        return pool.retryAutomatically() && request.retryable() && beforeResponse
                && error.getCause() instanceof ConnectionClosed;
    }

    /** Whether an HTTP/2 server said it did not process the request, which may then go again whatever it is. */
    private boolean refused(Failure failure) {
        Throwable error = failure.value();
        return pool.retryAutomatically() && error instanceof ResponseNeverReceived
                && error.getCause() instanceof StreamRefused;
    }

    private void fail(Failure failure) {
        step = null;
        if (result.isCalled()) {
            return;
        }
        if (cancelled) {
            result.errback(new CancelledError("the request was cancelled"));
        } else {
            result.errback(failure);
        }
    }

    private void cancel(Deferred<Response> d) {
        cancelled = true;
        Deferred<?> current = step;
        if (current != null) {
            current.cancel();
        }
        if (!d.isCalled()) {
            d.errback(new CancelledError("the request was cancelled"));
        }
    }
}
