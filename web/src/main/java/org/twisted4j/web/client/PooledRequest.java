package org.twisted4j.web.client;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionClosed;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * One request through the pool: takes an idle connection or makes one, sends the request, sends it once
 * more on a new connection if a reused one turned out stale, and stops whatever is under way if cancelled.
 *
 * <p>Threading: reactor thread only.
 */
final class PooledRequest {

    private final HTTPConnectionPool pool;
    private final PoolKey key;
    private final Supplier<StreamClientEndpoint> endpoint;
    private ClientRequest request;
    private final double responseTimeout;
    private final @Nullable String userAgent;
    private final Deferred<Response> result = new Deferred<>(this::cancel);
    private @Nullable Deferred<?> step;
    private boolean cancelled;

    PooledRequest(HTTPConnectionPool pool, PoolKey key, Supplier<StreamClientEndpoint> endpoint,
            ClientRequest request, double responseTimeout, @Nullable String userAgent) {
        this.pool = pool;
        this.key = key;
        this.endpoint = endpoint;
        this.request = request;
        this.responseTimeout = responseTimeout;
        this.userAgent = userAgent;
    }

    /** Starts the request; the Deferred fires with the response. */
    Deferred<Response> start() {
        HTTP11ClientProtocol cached = request.persistent() ? pool.takeCached(key) : null;
        if (cached != null) {
            send(cached, true);
        } else {
            connect();
        }
        return result;
    }

    private void connect() {
        Deferred<HTTP11ClientProtocol> connecting;
        try {
            connecting = pool.newConnection(key, endpoint.get());
        } catch (RuntimeException e) {
            result.errback(e);
            return;
        }
        step = connecting;
        connecting.addCallbacks(protocol -> {
            if (cancelled) {
                protocol.close();
            } else {
                send(protocol, false);
            }
            return null;
        }, failure -> {
            fail(failure);
            return null;
        });
    }

    private void send(HTTP11ClientProtocol protocol, boolean reused) {
        Deferred<Response> sending = protocol.request(request, responseTimeout, userAgent);
        step = sending;
        sending.addCallbacks(response -> {
            step = null;
            result.callback(response);
            return null;
        }, failure -> {
            ClientRequest again = !cancelled && reused && stale(failure) ? request.again() : null;
            if (again != null) {
                request = again;
                connect();
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
