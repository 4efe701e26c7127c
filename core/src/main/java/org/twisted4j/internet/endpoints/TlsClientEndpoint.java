package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.tls.TlsFactory;

/**
 * A client endpoint that speaks TLS over another client endpoint, as Twisted's {@code wrapClientTLS}. The
 * description {@code tls:example.com:443} makes one over a {@link HostnameEndpoint}.
 *
 * <pre>{@code
 * StreamClientEndpoint endpoint = new TlsClientEndpoint(ClientTlsOptions.optionsForClientTLS("example.com"),
 *         new HostnameEndpoint(reactor, "example.com", 443));
 * Endpoints.connectProtocol(endpoint, new Get());
 * }</pre>
 *
 * <p>The Deferred of {@link #connect} fires with the protocol {@code factory} built (not the TLS layer under
 * it) once the inner connection is made, as in Twisted: before the handshake, whose outcome the protocol
 * learns by being {@link org.twisted4j.protocols.tls.TlsAware} or from
 * {@link org.twisted4j.protocols.tls.TlsTransport#whenHandshakeDone()}. A failed handshake shows up as the
 * protocol's {@code connectionLost} with a {@link org.twisted4j.protocols.tls.TlsError}.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the inner endpoint.
 */
public final class TlsClientEndpoint implements StreamClientEndpoint {
    private final TlsOptions options;
    private final StreamClientEndpoint wrapped;

    /**
     * Makes the endpoint.
     *
     * @param options makes the connection's engine, in client mode (with the host name to check and send)
     * @param wrapped the endpoint that makes the connection
     */
    public TlsClientEndpoint(TlsOptions options, StreamClientEndpoint wrapped) {
        this.options = Objects.requireNonNull(options, "options");
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    /** Connects with the inner endpoint, with TLS under the protocol {@code factory} builds. */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        return wrapped.connect(new TlsFactory(options, factory, true))
                .addCallback(protocol -> protocol instanceof ProtocolWrapper wrapper
                        ? wrapper.wrappedProtocol() : protocol);
    }

    /** Returns the endpoint that makes the connection. */
    public StreamClientEndpoint wrapped() {
        return wrapped;
    }

    /** Returns the options that make the connection's engine. */
    public TlsOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "TlsClientEndpoint[" + wrapped + "]";
    }
}
