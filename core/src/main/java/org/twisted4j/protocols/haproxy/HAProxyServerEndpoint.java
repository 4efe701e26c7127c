package org.twisted4j.protocols.haproxy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;
import org.twisted4j.internet.endpoints.TlsServerEndpoint;

/**
 * A server endpoint whose connections start with a PROXY protocol header, as Twisted's
 * {@code proxyEndpoint}: every connection the inner endpoint accepts goes through an
 * {@link HAProxyWrappingFactory}. The description {@code haproxy:tcp:8080} (or {@code haproxy:} before any
 * other server description) makes one.
 *
 * <pre>{@code
 * new HAProxyServerEndpoint(new TCP4ServerEndpoint(reactor, 8080), reactor).listen(site);
 * }</pre>
 *
 * <h2>TLS</h2>
 * The header is the first bytes on the connection, sent in clear before any TLS handshake (HAProxy's
 * {@code server ... ssl send-proxy-v2}): over a {@link TlsServerEndpoint} the header is read beneath TLS,
 * so {@code haproxy:ssl:8443:privateKey=...} reads the header, then speaks TLS.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the inner endpoint.
 */
public final class HAProxyServerEndpoint implements StreamServerEndpoint {
    private final StreamServerEndpoint wrapped;
    private final @Nullable ReactorTime clock;

    /**
     * Makes the endpoint.
     *
     * @param wrapped the endpoint that accepts the connections
     * @param clock times each connection's header (see {@link HAProxyWrappingFactory#headerTimeout()}), or
     *     null for no limit
     */
    public HAProxyServerEndpoint(StreamServerEndpoint wrapped, @Nullable ReactorTime clock) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.clock = clock;
    }

    /** Listens with the inner endpoint, reading a PROXY header before every protocol {@code factory} builds. */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        if (wrapped instanceof TlsServerEndpoint tls) {
            return new TlsServerEndpoint(new HAProxyServerEndpoint(tls.wrapped(), clock), tls.options()).listen(factory);
        }
        return wrapped.listen(clock == null ? new HAProxyWrappingFactory(factory)
                : new HAProxyWrappingFactory(factory, clock));
    }

    /** Returns the endpoint that accepts the connections. */
    public StreamServerEndpoint wrapped() {
        return wrapped;
    }

    @Override
    public String toString() {
        return "HAProxyServerEndpoint[" + wrapped + "]";
    }
}
