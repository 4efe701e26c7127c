package org.twisted4j.web.client;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.Headers;

/**
 * The settings that {@link Agent.Builder} and {@link ProxyAgent.Builder} have in common: the pool, the
 * connect and response timeouts, the TLS policy and the User-Agent. Each setter returns the concrete builder,
 * so calls chain across the shared and the agent's own settings. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract sealed class AgentBuilderBase<B extends AgentBuilderBase<B>> permits Agent.Builder, ProxyAgent.Builder {

    final ReactorTime clock;
    @Nullable HTTPConnectionPool pool;
    Duration connectTimeout = Agent.DEFAULT_CONNECT_TIMEOUT;
    @Nullable Duration responseTimeout;
    TlsPolicy tlsPolicy = TlsPolicy.browserLike();
    @Nullable String userAgent;

    AgentBuilderBase(ReactorTime clock) {
        this.clock = clock;
    }

    /** Returns this builder as its concrete type. */
    abstract B self();

    /**
     * Sets the pool to take connections from (default: a persistent pool of the agent's own).
     *
     * @param pool the pool, which may be shared with other agents
     * @return this builder
     */
    public B pool(HTTPConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        return self();
    }

    /**
     * Sets how long each connection attempt may take (default 30 s). Through a {@link ProxyAgent} it bounds
     * connecting to the proxy and then, for a tunnel, the proxy's answer to CONNECT.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * Sets how long to wait, once the request head is written, for the response head (default: no limit).
     * When it passes, the connection is aborted and the request fails with a
     * {@link ResponseNeverReceived} caused by a {@link org.twisted4j.defer.TimeoutError}.
     *
     * @param timeout a positive duration, or null for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public B responseTimeout(@Nullable Duration timeout) {
        this.responseTimeout = timeout == null ? null : positive(timeout, "responseTimeout");
        return self();
    }

    /**
     * Sets how https servers are checked (default {@link TlsPolicy#browserLike()}). Through a
     * {@link ProxyAgent} these are the origins at the far end of its tunnels, asked for by the origin's host
     * and port.
     *
     * @param policy the policy
     * @return this builder
     */
    public B tlsPolicy(TlsPolicy policy) {
        this.tlsPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /**
     * Sets a User-Agent field for requests that have none (default: none is sent).
     *
     * @param userAgent the value, or null for none
     * @return this builder
     * @throws IllegalArgumentException if the value holds CR, LF or NUL
     */
    public B userAgent(@Nullable String userAgent) {
        if (userAgent != null) {
            new Headers().add("User-Agent", userAgent);
        }
        this.userAgent = userAgent;
        return self();
    }

    /** Returns the pool that was set, or a new persistent one. */
    final HTTPConnectionPool poolOrNew() {
        return pool != null ? pool : HTTPConnectionPool.create(clock);
    }

    /** Returns the connect timeout in seconds. */
    final double connectTimeoutSeconds() {
        return connectTimeout.toNanos() / 1e9;
    }

    /** Returns the response timeout in seconds, 0 for none. */
    final double responseTimeoutSeconds() {
        return responseTimeout == null ? 0 : responseTimeout.toNanos() / 1e9;
    }

    private static Duration positive(Duration timeout, String what) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + timeout);
        }
        return timeout;
    }
}
