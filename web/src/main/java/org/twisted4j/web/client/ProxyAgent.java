package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TlsClientEndpoint;
import org.twisted4j.web.Headers;

/**
 * The HTTP/1.1 client through a forward HTTP proxy, as Twisted's {@code ProxyAgent}, with tunnels for https.
 *
 * <pre>{@code
 * HttpAgent agent = ProxyAgent.builder(reactor, "proxy.internal", 3128)
 *         .proxyCredentials("alice", "secret")
 *         .build();
 * agent.request("GET", URI.create("https://example.org/"), null, null)
 *      .addCallbackDeferred(Response::readBody);
 * }</pre>
 *
 * <h2>http</h2>
 * Requests to http URIs go to the proxy with the whole URI as their target ({@code GET http://host/path
 * HTTP/1.1}, RFC 9112 §3.2.2), the origin's Host field, and the {@code Proxy-Authorization} field if credentials
 * were given; everything else is as {@link Agent} sends it. They share the proxy's connections in the pool,
 * whatever their origin: the pool keeps them under the proxy's address.
 *
 * <h2>https</h2>
 * Requests to https URIs go through a tunnel: a connection to the proxy on which {@code CONNECT host:port
 * HTTP/1.1} is sent (with {@code Proxy-Authorization} if credentials were given); once the proxy answers 2xx,
 * TLS runs over the tunnel to the origin, checked by the {@link TlsPolicy} against the origin's name (the proxy
 * sees only ciphertext), and the request goes in origin form as to the server itself. Tunnels are kept in the
 * pool per origin and proxy, as direct connections are per origin. A proxy that answers CONNECT with anything
 * but 2xx, closes the connection, or does not answer within the connect timeout fails the request with a
 * {@link ProxyTunnelError} carrying its status.
 *
 * <h2>Failures, timeouts, keep-alive</h2>
 * As {@link Agent}; the connect timeout bounds the connection to the proxy and, for a tunnel, the wait for
 * the proxy's answer to CONNECT.
 *
 * <h2>Threading</h2>
 * {@link #request} on the reactor thread only; the Deferreds fire there. Agents are immutable, so any thread
 * may hold one.
 */
public final class ProxyAgent implements HttpAgent {

    private final HTTPConnectionPool pool;
    private final ReactorTime clock;
    private final StreamClientEndpoint proxy;
    private final Object via;
    private final TlsPolicy tlsPolicy;
    private final double connectTimeout;
    private final double responseTimeout;
    private final @Nullable String userAgent;
    private final @Nullable String proxyAuthorization;

    /** The pool's name for a proxy given by host and port, so agents to the same proxy share connections. */
    private record ProxyAddress(String host, int port) {
        @Override
        public String toString() {
            return "proxy " + host + ":" + port;
        }
    }

    private ProxyAgent(Builder builder) {
        this.clock = builder.clock;
        this.pool = builder.poolOrNew();
        this.connectTimeout = builder.connectTimeoutSeconds();
        this.proxy = builder.endpoint != null ? builder.endpoint
                : Objects.requireNonNull(builder.tcp).endpoint(connectTimeout);
        this.via = builder.via;
        this.tlsPolicy = builder.tlsPolicy;
        this.responseTimeout = builder.responseTimeoutSeconds();
        this.userAgent = builder.userAgent;
        this.proxyAuthorization = builder.proxyAuthorization;
    }

    /**
     * Returns a builder for an agent through the proxy at {@code proxyHost:proxyPort}, connected by host name
     * ({@link HostnameEndpoint}).
     *
     * @param reactor connects, looks names up and keeps time
     * @param proxyHost the proxy's host name or address
     * @param proxyPort the proxy's port
     * @param <R> the reactor's type
     * @return the builder
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> Builder builder(R reactor,
            String proxyHost, int proxyPort) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(proxyHost, "proxyHost");
        if (proxyPort < 1 || proxyPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + proxyPort);
        }
        Builder builder = new Builder(reactor, new ProxyAddress(proxyHost.toLowerCase(Locale.ROOT), proxyPort));
        builder.tcp = timeout -> new HostnameEndpoint(reactor, proxyHost, proxyPort, timeout, null);
        return builder;
    }

    /**
     * Returns a builder for an agent that reaches its proxy with {@code proxy}, as Twisted's
     * {@code ProxyAgent(endpoint)}; the builder's connect timeout then bounds only the wait for CONNECT's
     * answer. Agents share the pool's connections when given the same endpoint object.
     *
     * @param clock keeps time for the timeouts and the pool
     * @param proxy connects to the proxy
     * @return the builder
     */
    public static Builder usingEndpoint(ReactorTime clock, StreamClientEndpoint proxy) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(proxy, "proxy");
        Builder builder = new Builder(clock, proxy);
        builder.endpoint = proxy;
        return builder;
    }

    /**
     * Sends a request through the proxy; see the class description.
     *
     * @throws IllegalArgumentException if the URI is not an absolute http or https URI with a host, or the
     *     method is not an HTTP token
     */
    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        ClientRequest.checkUri(uri);
        Headers given = headers != null ? headers : new Headers();
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            Headers sent = given;
            if (proxyAuthorization != null && !given.contains("Proxy-Authorization")) {
                sent = copy(given);
                sent.set("Proxy-Authorization", proxyAuthorization);
            }
            ClientRequest request = new ClientRequest(method, uri, sent, body, pool.isPersistent(), true);
            return new PooledRequest(pool, PoolKey.proxy(via), () -> proxy, NegotiatingProtocol.Mode.HTTP1, request,
                    responseTimeout, userAgent).start();
        }
        ClientRequest request = new ClientRequest(method, uri, given, body, pool.isPersistent());
        return new PooledRequest(pool, PoolKey.tunnel(uri, via), () -> tunnel(uri), NegotiatingProtocol.Mode.HTTP1,
                request, responseTimeout, userAgent).start();
    }

    /** Returns the pool this agent's connections come from. */
    public HTTPConnectionPool pool() {
        return pool;
    }

    private StreamClientEndpoint tunnel(URI uri) {
        String host = uri.getHost();
        int port = ClientRequest.port(uri);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        TunnelEndpoint tunnel = new TunnelEndpoint(proxy, clock, host + ":" + port, proxyAuthorization,
                connectTimeout);
        return new TlsClientEndpoint(tlsPolicy.creatorForNetloc(bare, port), tunnel);
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach(copy::add);
        return copy;
    }

    @Override
    public String toString() {
        return "ProxyAgent[" + via + ", " + pool + "]";
    }

    /** Makes the TCP endpoint to the proxy. */
    @FunctionalInterface
    private interface ProxyEndpoints {
        StreamClientEndpoint endpoint(double timeout);
    }

    /**
     * Settings for a {@link ProxyAgent}; see its description. The pool, timeouts, TLS policy and User-Agent
     * are set as for every agent; the proxy's credentials are this agent's own. Not thread-safe.
     */
    public static final class Builder extends AgentBuilderBase<Builder> {
        private final Object via;
        private @Nullable ProxyEndpoints tcp;
        private @Nullable StreamClientEndpoint endpoint;
        private @Nullable String proxyAuthorization;

        private Builder(ReactorTime clock, Object via) {
            super(clock);
            this.via = via;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the credentials for the proxy, sent as {@code Proxy-Authorization: Basic ...} (RFC 7617, UTF-8)
         * on http requests and on CONNECT, never to the origin inside a tunnel (default: none).
         *
         * @param user the user name, without a colon
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException if the user name holds a colon
         */
        public Builder proxyCredentials(String user, String password) {
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name cannot hold ':'");
            }
            this.proxyAuthorization = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
            return this;
        }

        /** Returns the agent. */
        public ProxyAgent build() {
            return new ProxyAgent(this);
        }
    }
}
