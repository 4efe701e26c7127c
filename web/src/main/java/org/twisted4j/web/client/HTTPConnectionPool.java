package org.twisted4j.web.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ProtocolNegotiationFactory;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.web.client.NegotiatingProtocol.Chosen;
import org.twisted4j.web.client.NegotiatingProtocol.Mode;
import org.twisted4j.web.http2.Http2ClientConnection;
import org.twisted4j.web.http2.Http2Connection;

/**
 * Keeps HTTP/1.1 and HTTP/2 connections open between requests and hands them out again, as Twisted's
 * {@code HTTPConnectionPool}. Give one to several {@link Agent}s to share its connections.
 *
 * <pre>{@code
 * HTTPConnectionPool pool = HTTPConnectionPool.builder(reactor)
 *         .maxPersistentPerHost(4)
 *         .cachedConnectionTimeout(Duration.ofSeconds(60))
 *         .build();
 * HttpAgent agent = Agent.builder(reactor).pool(pool).build();
 * // ... at shutdown:
 * pool.closeCachedConnections();
 * }</pre>
 *
 * <h2>What it keeps</h2>
 * Connections are kept per scheme, host and port. One goes back to the pool once its response has been read
 * to the end from the connection (the body may still be waiting in the {@link Response} for a paused or late
 * receiver) and the exchange allowed it to stay open (see {@link Agent}). At most
 * {@link Builder#maxPersistentPerHost} idle connections are kept per key (the oldest is closed to make room);
 * each is closed after {@link Builder#cachedConnectionTimeout} idle, by a timer on the reactor. A request
 * takes the most recently returned idle connection, or a new one; busy connections are not counted nor
 * limited.
 *
 * <h2>HTTP/2</h2>
 * A connection that speaks HTTP/2 (the server chose {@code h2} through ALPN, or the agent uses h2c with prior
 * knowledge) is shared: the pool keeps ONE per scheme, host and port, and every request to them goes on it as a
 * stream, at once, those past the server's concurrency limit waiting their turn on the connection. While that
 * connection is being made, other requests to the same key wait for it rather than opening their own; if it
 * turns out to speak HTTP/1.1, they go on to connections of their own. A connection that has no stream is
 * closed (GOAWAY) after {@link Builder#cachedConnectionTimeout}; one the server sent GOAWAY on, or that is
 * lost, takes no more requests and a new one is made for the next. Over HTTP/2 a request the server did not
 * process (REFUSED_STREAM, or above its GOAWAY's last stream) is sent once more on a new connection, whatever
 * its method, if its body can be replayed.
 *
 * <h2>Stale connections</h2>
 * A server may close an idle connection just as a request goes out on it. With
 * {@link Builder#retryAutomatically} (the default), an idempotent request (GET, HEAD, OPTIONS, DELETE, PUT,
 * TRACE) with no body or a body that can be replayed ({@link BytesBodyProducer}, or {@link FileBodyProducer}
 * on a file path) that fails on a reused connection before any byte of the response arrived is sent once more
 * on a new connection.
 *
 * <h2>Non-persistent</h2>
 * {@code persistent(false)} makes every request ask for {@code Connection: close} and use a connection of
 * its own, as Twisted's Agent does without a pool; such connections speak HTTP/1.1 only.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class HTTPConnectionPool {

    /** Default most idle connections kept per scheme, host and port: 2, as in Twisted. */
    public static final int DEFAULT_MAX_PERSISTENT_PER_HOST = 2;
    /** Default time an idle connection is kept: 240 seconds, as in Twisted. */
    public static final Duration DEFAULT_CACHED_CONNECTION_TIMEOUT = Duration.ofSeconds(240);

    private final ReactorTime clock;
    private final boolean persistent;
    private final int maxPersistentPerHost;
    private final double cachedConnectionTimeout;
    private final boolean retryAutomatically;
    private final Map<PoolKey, ArrayDeque<Idle>> idle = new HashMap<>();
    private final Map<PooledConnection, Deferred<@Nullable Void>> closing = new IdentityHashMap<>();
    private final Map<PoolKey, Http2ClientSession> multiplexed = new HashMap<>();
    private final Map<Http2ClientSession, DelayedCall> http2Expiry = new IdentityHashMap<>();
    private final Map<PoolKey, List<Deferred<@Nullable Http2ClientSession>>> negotiating = new HashMap<>();

    private record Idle(HTTP11ClientProtocol protocol, DelayedCall expiry) {
    }

    private HTTPConnectionPool(Builder builder) {
        this.clock = builder.clock;
        this.persistent = builder.persistent;
        this.maxPersistentPerHost = builder.maxPersistentPerHost;
        this.cachedConnectionTimeout = builder.cachedConnectionTimeout.toNanos() / 1e9;
        this.retryAutomatically = builder.retryAutomatically;
    }

    /**
     * Returns a builder with Twisted's defaults: persistent, 2 idle connections per host, 240 s idle, retrying
     * stale connections.
     *
     * @param clock runs the idle timers; the reactor the agents use
     * @return the builder
     */
    public static Builder builder(ReactorTime clock) {
        return new Builder(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Returns a pool with the defaults of {@link #builder}.
     *
     * @param clock runs the idle timers; the reactor the agents use
     * @return the pool
     */
    public static HTTPConnectionPool create(ReactorTime clock) {
        return builder(clock).build();
    }

    /** Returns whether connections are kept between requests. */
    public boolean isPersistent() {
        return persistent;
    }

    /** Returns the most idle connections kept per scheme, host and port. */
    public int maxPersistentPerHost() {
        return maxPersistentPerHost;
    }

    /** Returns how long an idle connection is kept. */
    public Duration cachedConnectionTimeout() {
        return Duration.ofNanos(Math.round(cachedConnectionTimeout * 1e9));
    }

    /** Returns whether requests that meet a stale connection are sent again. */
    public boolean retryAutomatically() {
        return retryAutomatically;
    }

    /** Returns how many idle connections (HTTP/2 ones without streams included) the pool holds now. */
    public int cachedConnectionCount() {
        int n = http2Expiry.size();
        for (ArrayDeque<Idle> list : idle.values()) {
            n += list.size();
        }
        return n;
    }

    /**
     * Closes every idle connection, as at shutdown. Connections busy now are not affected: they come back
     * to the pool when their response ends, as usual.
     *
     * @return fires once every connection closed here is closed
     */
    public Deferred<@Nullable Void> closeCachedConnections() {
        List<Deferred<@Nullable Void>> closed = new ArrayList<>();
        for (ArrayDeque<Idle> list : idle.values()) {
            for (Idle each : list) {
                each.expiry().cancel();
                Deferred<@Nullable Void> done = new Deferred<>();
                closing.put(each.protocol(), done);
                closed.add(done);
            }
        }
        List<Idle> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        for (Idle each : all) {
            each.protocol().close();
        }
        for (Http2ClientSession session : List.copyOf(http2Expiry.keySet())) {
            DelayedCall expiry = http2Expiry.remove(session);
            if (expiry.active()) {
                expiry.cancel();
            }
            Deferred<@Nullable Void> done = new Deferred<>();
            closing.put(session, done);
            closed.add(done);
            session.close();
        }
        return Deferred.gatherResults(closed).addCallback(ignored -> null);
    }

    // ---- for the agent

    /** Takes an idle connection for {@code key}, or returns null if there is none. */
    @Nullable HTTP11ClientProtocol takeCached(PoolKey key) {
        ArrayDeque<Idle> list = idle.get(key);
        while (list != null && !list.isEmpty()) {
            Idle each = list.pollLast();
            each.expiry().cancel();
            if (list.isEmpty()) {
                idle.remove(key);
            }
            if (each.protocol().isIdle()) {
                return each.protocol();
            }
        }
        return null;
    }

    /** Returns the HTTP/2 connection for {@code key} if there is one that takes new requests, else null. */
    @Nullable Http2ClientSession takeMultiplexed(PoolKey key) {
        Http2ClientSession session = multiplexed.get(key);
        return session != null && session.acceptsRequests() ? session : null;
    }

    /**
     * While a connection that may speak HTTP/2 is being made for {@code key}, returns what fires with its HTTP/2
     * session once it is up, or with null if it speaks HTTP/1.1 or failed; null if no such connection is being
     * made.
     */
    @Nullable Deferred<@Nullable Http2ClientSession> awaitNegotiation(PoolKey key) {
        List<Deferred<@Nullable Http2ClientSession>> waiters = negotiating.get(key);
        if (waiters == null) {
            return null;
        }
        Deferred<@Nullable Http2ClientSession> waiter = new Deferred<>(cancelled -> {
            waiters.remove(cancelled);
            cancelled.errback(new CancelledError("the request was cancelled while its connection was made"));
        });
        waiters.add(waiter);
        return waiter;
    }

    /**
     * Makes a new connection for {@code key} with {@code endpoint}, speaking what {@code mode} allows; it fires
     * once the connection's protocol is chosen.
     */
    Deferred<PooledConnection> newConnection(PoolKey key, StreamClientEndpoint endpoint, Mode mode) {
        Mode chosen = persistent ? mode : Mode.HTTP1;
        NegotiatingProtocol setup = new NegotiatingProtocol(chosen, () -> http1(key), () -> http2(key));
        Factory factory = chosen == Mode.NEGOTIATE ? new AlpnFactory(setup) : Factory.forProtocol(() -> setup);
        Deferred<PooledConnection> made = endpoint.connect(factory).addCallbackDeferred(ignored -> setup.ready());
        if (chosen == Mode.HTTP1 || negotiating.containsKey(key)) {
            return made;
        }
        negotiating.put(key, new ArrayList<>());
        made.<@Nullable Object>addBoth(outcome -> {
            List<Deferred<@Nullable Http2ClientSession>> waiters = negotiating.remove(key);
            Http2ClientSession session = outcome instanceof Http2ClientSession s && s.acceptsRequests() ? s : null;
            for (Deferred<@Nullable Http2ClientSession> waiter : waiters == null ? List.<Deferred<@Nullable
                    Http2ClientSession>>of() : waiters) {
                waiter.callback(session);
            }
            return outcome;
        });
        return made;
    }

    private Chosen http1(PoolKey key) {
        HTTP11ClientProtocol protocol = new HTTP11ClientProtocol(clock);
        protocol.setIdleListener(() -> putBack(key, protocol));
        protocol.setLossListener(() -> lost(key, protocol));
        return new Chosen(protocol, protocol);
    }

    private Chosen http2(PoolKey key) {
        Http2ClientConnection connection = Http2Connection.client(clock);
        Http2ClientSession session = new Http2ClientSession(clock, connection);
        connection.setStateListener(() -> http2Changed(key, session));
        Http2ClientSession current = multiplexed.get(key);
        if (current == null || !current.acceptsRequests()) {
            multiplexed.put(key, session);
        }
        return new Chosen(connection, session);
    }

    /** Keeps the HTTP/2 connection's idle timer and its place in the pool in step with its streams. */
    private void http2Changed(PoolKey key, Http2ClientSession session) {
        boolean idleNow = session.acceptsRequests() && session.isIdle();
        DelayedCall expiry = http2Expiry.get(session);
        if (idleNow && expiry == null) {
            http2Expiry.put(session, clock.callLater(cachedConnectionTimeout, () -> {
                http2Expiry.remove(session);
                session.close();
            }));
        } else if (!idleNow && expiry != null) {
            http2Expiry.remove(session);
            if (expiry.active()) {
                expiry.cancel();
            }
        }
        if (!session.acceptsRequests() && multiplexed.get(key) == session) {
            multiplexed.remove(key);
        }
        if (session.connection().lostReason() != null) {
            Deferred<@Nullable Void> done = closing.remove(session);
            if (done != null) {
                done.callback(null);
            }
        }
    }

    private void putBack(PoolKey key, HTTP11ClientProtocol protocol) {
        if (!persistent) {
            protocol.close();
            return;
        }
        ArrayDeque<Idle> list = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (list.size() >= maxPersistentPerHost) {
            Idle oldest = list.pollFirst();
            if (oldest != null) {
                oldest.expiry().cancel();
                oldest.protocol().close();
            }
            if (maxPersistentPerHost == 0) {
                protocol.close();
                return;
            }
        }
        DelayedCall expiry = clock.callLater(cachedConnectionTimeout, () -> expire(key, protocol));
        list.addLast(new Idle(protocol, expiry));
    }

    private void expire(PoolKey key, HTTP11ClientProtocol protocol) {
        remove(key, protocol);
        protocol.close();
    }

    private void lost(PoolKey key, HTTP11ClientProtocol protocol) {
        remove(key, protocol);
        Deferred<@Nullable Void> done = closing.remove(protocol);
        if (done != null) {
            done.callback(null);
        }
    }

    private void remove(PoolKey key, HTTP11ClientProtocol protocol) {
        ArrayDeque<Idle> list = idle.get(key);
        if (list == null) {
            return;
        }
        list.removeIf(each -> {
            if (each.protocol() == protocol) {
                if (each.expiry().active()) {
                    each.expiry().cancel();
                }
                return true;
            }
            return false;
        });
        if (list.isEmpty()) {
            idle.remove(key);
        }
    }

    /** A connection factory that offers {@code h2} and {@code http/1.1} to TLS's ALPN. */
    private static final class AlpnFactory extends Factory implements ProtocolNegotiationFactory {
        private final Protocol protocol;

        AlpnFactory(Protocol protocol) {
            this.protocol = protocol;
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            return protocol;
        }

        @Override
        public List<String> acceptableProtocols() {
            return List.of("h2", "http/1.1");
        }
    }

    @Override
    public String toString() {
        return "HTTPConnectionPool[" + (persistent ? "persistent" : "not persistent") + ", "
                + cachedConnectionCount() + " idle]";
    }

    /**
     * Settings for an {@link HTTPConnectionPool}; see its description. Not thread-safe.
     */
    public static final class Builder {
        private final ReactorTime clock;
        private boolean persistent = true;
        private int maxPersistentPerHost = DEFAULT_MAX_PERSISTENT_PER_HOST;
        private Duration cachedConnectionTimeout = DEFAULT_CACHED_CONNECTION_TIMEOUT;
        private boolean retryAutomatically = true;

        private Builder(ReactorTime clock) {
            this.clock = clock;
        }

        /**
         * Sets whether connections are kept between requests (default true).
         *
         * @param persistent false for one connection per request, each asking {@code Connection: close}
         * @return this builder
         */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * Sets the most idle connections kept per scheme, host and port (default 2).
         *
         * @param count zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxPersistentPerHost(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxPersistentPerHost must not be negative: " + count);
            }
            this.maxPersistentPerHost = count;
            return this;
        }

        /**
         * Sets how long an idle connection is kept before it is closed (default 240 s).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder cachedConnectionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("cachedConnectionTimeout must be positive: " + timeout);
            }
            this.cachedConnectionTimeout = timeout;
            return this;
        }

        /**
         * Sets whether an idempotent request that meets a stale connection is sent once more on a new one
         * (default true).
         *
         * @param retry whether to retry
         * @return this builder
         */
        public Builder retryAutomatically(boolean retry) {
            this.retryAutomatically = retry;
            return this;
        }

        /** Returns the pool. */
        public HTTPConnectionPool build() {
            return new HTTPConnectionPool(this);
        }
    }
}
