package org.twisted4j.protocols.tls;

import java.util.Objects;
import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ProtocolNegotiationFactory;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.WrappingFactory;

/**
 * A factory that puts TLS under every protocol another factory builds, as Twisted's
 * {@code TLSMemoryBIOFactory}: give it to a listening port to serve TLS, or to a connector to speak it.
 *
 * <pre>{@code
 * reactor.listenTCP(8443, new TlsFactory(serverOptions, Factory.forProtocol(Echo::new), false));
 * reactor.connectTCP("example.com", 443, new TlsFactory(clientOptions, ClientFactory.forProtocol(Get::new), true));
 * }</pre>
 *
 * <p>Each connection gets a fresh engine from the options, set to the side this factory was made for; the
 * peer's address and port are passed to the options (see {@link TlsOptions#newEngine}). If the options name
 * no ALPN protocols and the wrapped factory is a {@link ProtocolNegotiationFactory}, its protocols are
 * negotiated (as a {@code Site} offers {@code h2} and {@code http/1.1}). Starting, stopping
 * and the client connection events pass on to the wrapped factory, as for every {@link WrappingFactory},
 * and {@link #protocols()} lists the open connections.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class TlsFactory extends WrappingFactory {

    private final TlsOptions options;
    private final boolean client;

    /**
     * Wraps {@code wrappedFactory}.
     *
     * @param options makes the engine for each connection
     * @param wrappedFactory builds the application's protocols
     * @param client true if this end is the TLS client, false if it is the server
     */
    public TlsFactory(TlsOptions options, Factory wrappedFactory, boolean client) {
        super(wrappedFactory);
        this.options = Objects.requireNonNull(options, "options");
        this.client = client;
    }

    /** Returns the options that make each connection's engine. */
    public final TlsOptions options() {
        return options;
    }

    /** Returns whether this factory's connections are TLS clients. */
    public final boolean isClient() {
        return client;
    }

    /** Makes a {@link TlsProtocol} with a new engine for the connection to {@code peer}. */
    @Override
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        SSLEngine engine = options.newEngine(hostOf(peer), portOf(peer));
        if (engine.getUseClientMode() != client) {
            engine.setUseClientMode(client);
        }
        if (wrappedFactory() instanceof ProtocolNegotiationFactory negotiating
                && !CertificateOptions.offersApplicationProtocols(engine)) {
            CertificateOptions.offerApplicationProtocols(engine, negotiating.acceptableProtocols());
        }
        return new TlsProtocol(this, wrapped, engine);
    }

    static @Nullable String hostOf(Address peer) {
        return switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> null;
        };
    }

    static int portOf(Address peer) {
        return switch (peer) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            default -> -1;
        };
    }
}
