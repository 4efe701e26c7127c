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
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * Keeps HTTP/1.1 connections open between requests and hands them out again, as Twisted's
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
 * <h2>Stale connections</h2>
 * A server may close an idle connection just as a request goes out on it. With
 * {@link Builder#retryAutomatically} (the default), an idempotent request (GET, HEAD, OPTIONS, DELETE, PUT,
 * TRACE) with no body or a body that can be replayed ({@link BytesBodyProducer}, or {@link FileBodyProducer}
 * on a file path) that fails on a reused connection before any byte of the response arrived is sent once more
 * on a new connection.
 *
 * <h2>Non-persistent</h2>
 * {@code persistent(false)} makes every request ask for {@code Connection: close} and use a connection of
 * its own, as Twisted's Agent does without a pool.
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
    private final Map<HTTP11ClientProtocol, Deferred<@Nullable Void>> closing = new IdentityHashMap<>();

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

    /** Returns how many idle connections the pool holds now. */
    public int cachedConnectionCount() {
        int n = 0;
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

    /** Makes a new connection for {@code key} with {@code endpoint}. */
    Deferred<HTTP11ClientProtocol> newConnection(PoolKey key, StreamClientEndpoint endpoint) {
        HTTP11ClientProtocol protocol = new HTTP11ClientProtocol(clock);
        protocol.setIdleListener(() -> putBack(key, protocol));
        protocol.setLossListener(() -> lost(key, protocol));
        return endpoint.connect(Factory.forProtocol(() -> protocol)).addCallback(made -> protocol);
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
