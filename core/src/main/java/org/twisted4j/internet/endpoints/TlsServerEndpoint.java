package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsFactory;

/**
 * A server endpoint that speaks TLS over another server endpoint, as Twisted's {@code SSL4ServerEndpoint}:
 * each connection the inner endpoint accepts gets a TLS layer, made by a {@link TlsFactory} with the given
 * options, under the protocol the factory builds. The description {@code ssl:443:privateKey=key.pem} makes
 * one over TCP.
 *
 * <pre>{@code
 * TlsOptions options = CertificateOptions.builder().certificate(PrivateCertificate.load(key, cert, null)).build();
 * new TlsServerEndpoint(new TCP4ServerEndpoint(reactor, 8443), options).listen(Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the inner endpoint.
 */
public final class TlsServerEndpoint implements StreamServerEndpoint {
    private final StreamServerEndpoint wrapped;
    private final TlsOptions options;

    /**
     * Makes the endpoint.
     *
     * @param wrapped the endpoint that accepts the connections
     * @param options makes each connection's engine, in server mode
     */
    public TlsServerEndpoint(StreamServerEndpoint wrapped, TlsOptions options) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Listens with the inner endpoint, putting TLS under every protocol {@code factory} builds. */
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        return wrapped.listen(new TlsFactory(options, factory, false));
    }

    /** Returns the endpoint that accepts the connections. */
    public StreamServerEndpoint wrapped() {
        return wrapped;
    }

    /** Returns the options that make each connection's engine. */
    public TlsOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "TlsServerEndpoint[" + wrapped + "]";
    }
}
