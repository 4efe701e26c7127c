package org.twisted4j.web.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.HostResolver;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TlsClientEndpoint;
import org.twisted4j.web.Headers;

/**
 * The HTTP client, as Twisted's {@code Agent}: sends requests to http and https URIs over HTTP/1.1 or HTTP/2
 * connections from an {@link HTTPConnectionPool}, and gives each {@link Response} as soon as its head has
 * arrived.
 *
 * <pre>{@code
 * HttpAgent agent = Agent.create(reactor);
 * agent.request("GET", URI.create("https://example.org/"), null, null)
 *      .addCallbackDeferred(Response::readBody)
 *      .addCallback(body -> new String(body, UTF_8));
 *
 * HttpAgent custom = Agent.builder(reactor)
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .responseTimeout(Duration.ofSeconds(30))
 *         .tlsPolicy(TlsPolicy.trusting(TrustRoot.fromPem(Path.of("ca.pem"))))
 *         .userAgent("my-app/1.0")
 *         .build();
 * }</pre>
 *
 * <h2>HTTP/2</h2>
 * For https the agent offers {@code h2} and {@code http/1.1} through TLS's ALPN (turn it off with
 * {@link Builder#http2(boolean) http2(false)}); if the server chooses {@code h2}, the pool keeps that one
 * connection for the scheme, host and port and sends every concurrent request on it as a stream (see
 * {@link HTTPConnectionPool}). For http, {@link Builder#http2PriorKnowledge(boolean) http2PriorKnowledge(true)}
 * speaks HTTP/2 from the first byte (h2c), for servers known to take it. Over HTTP/2 the request head becomes
 * the pseudo-header fields ({@code :authority} from Host) and the other fields in lower case, without the
 * connection-specific ones; the body goes out in DATA frames under the server's flow control, its producer
 * paused while the stream's window is used up; {@link Response#version()} is {@code HTTP/2} and the phrase is
 * empty. A response body is read only as its receiver takes it: a receiver that pauses stops the server once
 * the stream's window is full, without holding up the other streams. Cancelling a request resets its stream
 * (CANCEL) and leaves the connection to the others; the response timeout counts per stream.
 *
 * <h2>What is sent</h2>
 * {@code METHOD /path?query HTTP/1.1}, then {@code Host} (the URI's host, with its port unless it is the
 * scheme's default) unless the caller's headers have one, the caller's fields (but Content-Length and
 * Transfer-Encoding, which the agent writes), a User-Agent if one was configured and the caller gave none,
 * and the body's framing: {@code Content-Length} from {@link BodyProducer#length()}, or
 * {@code Transfer-Encoding: chunked} for {@link BodyProducer#UNKNOWN_LENGTH}; without a body, POST, PUT and
 * PATCH get {@code Content-Length: 0}. With a persistent pool (the default) nothing asks to keep the
 * connection: HTTP/1.1 keeps it by default; with a non-persistent pool, {@code Connection: close} is sent.
 * The body is written as its producer makes it, paused while the connection's buffer is full.
 *
 * <h2>What comes back</h2>
 * Interim (1xx) responses are skipped. The Response's body is framed by RFC 9112: none after HEAD and for
 * 204 and 304; chunked; Content-Length; or, with neither, until the server closes the connection. Such a
 * close-delimited body is reported finished when the connection closes cleanly or not: HTTP/1.0 servers
 * frame every body this way and a truncation cannot be told from the end (Twisted reports
 * {@code PotentialDataLoss} there; this client does not). A body is held back (the connection not read)
 * until someone asks for it with {@link Response#deliverBody} or {@link Response#readBody()}.
 *
 * <h2>Keep-alive</h2>
 * The connection goes back to the pool after the response has been read to its end if: the pool is
 * persistent, the response is HTTP/1.1 (or HTTP/1.0 with {@code Connection: keep-alive}) without
 * {@code Connection: close}, its body was not close-delimited, the request was sent whole, and the server
 * sent nothing after the response. Otherwise the connection is closed.
 *
 * <h2>Failures and timeouts</h2>
 * The Deferred fails with the connection error ({@link org.twisted4j.internet.ConnectError},
 * {@link org.twisted4j.internet.DNSLookupError}...), a {@link ResponseNeverReceived} (closed or timed out
 * before any byte of the response; its cause says which, a {@link org.twisted4j.protocols.tls.TlsError} for a
 * refused certificate), a {@link ResponseFailed} (a malformed or cut head), a
 * {@link RequestTransmissionFailed}, or a {@link org.twisted4j.defer.CancelledError} if cancelled before the
 * head arrived, which also aborts the connection. The connect timeout (default 30 s) bounds each connection
 * attempt; the response timeout (default none) bounds the time from the request head being written to the
 * response head arriving, and aborts the connection when it passes.
 *
 * <h2>Threading</h2>
 * {@link #request} on the reactor thread only; the Deferreds fire there. Agents are immutable, so any
 * thread may hold one.
 */
public final class Agent implements HttpAgent {

    /** Default connect timeout: 30 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final HTTPConnectionPool pool;
    private final AgentEndpointFactory endpoints;
    private final double responseTimeout;
    private final @Nullable String userAgent;
    private final boolean http2;
    private final boolean http2PriorKnowledge;

    private Agent(Builder builder, AgentEndpointFactory endpoints) {
        this.pool = builder.poolOrNew();
        this.endpoints = endpoints;
        this.responseTimeout = builder.responseTimeoutSeconds();
        this.userAgent = builder.userAgent;
        this.http2 = builder.http2;
        this.http2PriorKnowledge = builder.http2PriorKnowledge;
    }

    /**
     * Returns an agent with the defaults: a persistent pool of its own, a 30 s connect timeout, no response
     * timeout, certificates checked against the JDK's trust store.
     *
     * @param reactor connects, looks names up and keeps time
     * @param <R> the reactor's type
     * @return the agent
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> Agent create(R reactor) {
        return builder(reactor).build();
    }

    /**
     * Returns a builder for an agent that connects by host name ({@link HostnameEndpoint}), with TLS for https
     * ({@link TlsClientEndpoint}).
     *
     * @param reactor connects, looks names up and keeps time
     * @param <R> the reactor's type
     * @return the builder
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> Builder builder(R reactor) {
        Objects.requireNonNull(reactor, "reactor");
        return new Builder(reactor, (host, port, timeout) -> new HostnameEndpoint(reactor, host, port, timeout, null));
    }

    /**
     * Returns a builder for an agent that connects by host name ({@link HostnameEndpoint}) looking names up with
     * {@code resolver} (for example a DNS resolver of the names module) rather than the JDK's blocking resolver,
     * with TLS for https ({@link TlsClientEndpoint}).
     *
     * @param reactor connects and keeps time
     * @param resolver looks the host names up
     * @param <R> the reactor's type
     * @return the builder
     */
    public static <R extends ReactorTCP & ReactorTime> Builder builder(R reactor, HostResolver resolver) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(resolver, "resolver");
        return new Builder(reactor, (host, port, timeout) -> new HostnameEndpoint(reactor, resolver, host, port,
                timeout, null, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY));
    }

    /**
     * Returns a builder for an agent that connects with {@code endpoints}, as Twisted's
     * {@code Agent.usingEndpointFactory}; the builder's connect timeout and TLS policy are then unused.
     *
     * @param clock keeps time for the response timeout and the pool
     * @param endpoints makes the endpoint for each new connection
     * @return the builder
     */
    public static Builder usingEndpointFactory(ReactorTime clock, AgentEndpointFactory endpoints) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(endpoints, "endpoints");
        Builder builder = new Builder(clock, null);
        builder.endpoints = endpoints;
        return builder;
    }

    /**
     * Sends a request; see the class description for what is sent and how it fails.
     *
     * @throws IllegalArgumentException if the URI is not an absolute http or https URI with a host, or the
     *     method is not an HTTP token
     */
    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        ClientRequest request = new ClientRequest(method, uri, headers != null ? headers : new Headers(), body,
                pool.isPersistent());
        NegotiatingProtocol.Mode mode = request.secure()
                ? (http2 ? NegotiatingProtocol.Mode.NEGOTIATE : NegotiatingProtocol.Mode.HTTP1)
                : (http2PriorKnowledge ? NegotiatingProtocol.Mode.PRIOR_KNOWLEDGE : NegotiatingProtocol.Mode.HTTP1);
        return new PooledRequest(pool, PoolKey.of(uri), () -> endpoints.endpointForUri(uri), mode, request,
                responseTimeout, userAgent).start();
    }

    /** Returns the pool this agent's connections come from. */
    public HTTPConnectionPool pool() {
        return pool;
    }

    @Override
    public String toString() {
        return "Agent[" + pool + "]";
    }

    /** Makes a TCP endpoint to a host and port. */
    @FunctionalInterface
    private interface TcpEndpoints {
        StreamClientEndpoint endpoint(String host, int port, double timeout);
    }

    /**
     * Settings for an {@link Agent}; see its description. The pool, timeouts, TLS policy and User-Agent are
     * set as for every agent; the rest are this agent's own. Not thread-safe.
     */
    public static final class Builder extends AgentBuilderBase<Builder> {
        private final @Nullable TcpEndpoints tcp;
        private @Nullable AgentEndpointFactory endpoints;
        private boolean http2 = true;
        private boolean http2PriorKnowledge;

        private Builder(ReactorTime clock, @Nullable TcpEndpoints tcp) {
            super(clock);
            this.tcp = tcp;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets whether https connections offer HTTP/2 through ALPN (default true); without it they speak
         * HTTP/1.1.
         *
         * @param offer whether to offer {@code h2}
         * @return this builder
         */
        public Builder http2(boolean offer) {
            this.http2 = offer;
            return this;
        }

        /**
         * Sets whether http connections speak HTTP/2 from the first byte, without asking (h2c with prior
         * knowledge, RFC 9113 §3.3; default false). Only for servers known to take it: others answer with an
         * error or close the connection.
         *
         * @param priorKnowledge whether to speak HTTP/2 on http connections
         * @return this builder
         */
        public Builder http2PriorKnowledge(boolean priorKnowledge) {
            this.http2PriorKnowledge = priorKnowledge;
            return this;
        }

        /** Returns the agent. */
        public Agent build() {
            AgentEndpointFactory chosen = endpoints;
            if (chosen == null) {
                TcpEndpoints connect = Objects.requireNonNull(tcp);
                TlsPolicy tls = tlsPolicy;
                double timeout = connectTimeoutSeconds();
                chosen = uri -> {
                    String host = bare(uri.getHost());
                    int port = ClientRequest.port(uri);
                    StreamClientEndpoint plain = connect.endpoint(host, port, timeout);
                    return "https".equalsIgnoreCase(uri.getScheme())
                            ? new TlsClientEndpoint(tls.creatorForNetloc(host, port), plain) : plain;
                };
            }
            return new Agent(this, chosen);
        }

        private static String bare(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
    }
}
