package org.twisted4j.internet.ssl;

import java.net.IDN;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings for a client connecting to one named server, as made by Twisted's
 * {@code optionsForClientTLS}: the server's chain must lead to a trusted root and its certificate must be
 * for the host name; the name goes to the server through SNI; ALPN protocols may be offered.
 *
 * <pre>{@code
 * TlsOptions tls = ClientTlsOptions.optionsForClientTLS("example.com");
 * TlsOptions internal = ClientTlsOptions.optionsForClientTLS(
 *     "db.internal", TrustRoot.fromPem(Path.of("ca.pem")), clientCertificate, List.of("h2", "http/1.1"));
 * }</pre>
 *
 * <h2>Host name checking</h2>
 * The JDK's {@code HTTPS} endpoint identification does it (RFC 2818, close to RFC 6125): a host name is
 * matched against the certificate's DNS subjectAltNames, case-insensitively, with a wildcard allowed in the
 * first label only and matching exactly one label; an IP literal is matched against the IP address
 * subjectAltNames only, and gets no SNI. Unlike Twisted's {@code service_identity}, the JDK falls back to the
 * subject's common name when the certificate has no DNS subjectAltName, and it accepts a wildcard that is
 * only part of the first label (such as {@code w*.example.com}). Internationalised names are checked in
 * their ASCII ({@code xn--}) form.
 *
 * <p>The host name given here, not the address the transport connected to, is what is checked and sent:
 * {@link #newEngine} ignores its {@code peerHost} and uses this host name, with the port given, for session
 * reuse too.
 *
 * <h2>Threading</h2>
 * Any thread: instances are immutable.
 */
public final class ClientTlsOptions implements TlsOptions {
    private final String hostName;
    private final boolean ipLiteral;
    private final CertificateOptions options;

    private ClientTlsOptions(String hostName, CertificateOptions options) {
        if (!options.isClientMode()) {
            throw new IllegalArgumentException("the certificate options must be in client mode");
        }
        boolean literal = HostNames.ipLiteral(hostName) != null;
        String bare = literal && hostName.startsWith("[") ? hostName.substring(1, hostName.length() - 1) : hostName;
        if (!literal) {
            try {
                bare = IDN.toASCII(bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare,
                        IDN.USE_STD3_ASCII_RULES);
                new SNIHostName(bare);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid host name: '" + hostName + "'", e);
            }
        }
        this.hostName = bare;
        this.ipLiteral = literal;
        this.options = options;
    }

    /**
     * Options for connecting to {@code hostName}, trusting the platform's roots, without a client
     * certificate or ALPN.
     *
     * @throws IllegalArgumentException if {@code hostName} is neither a valid host name nor an IP literal
     */
    public static ClientTlsOptions optionsForClientTLS(String hostName) {
        return optionsForClientTLS(hostName, null, null, List.of());
    }

    /**
     * Options for connecting to {@code hostName}.
     *
     * @param hostName the server's host name (Unicode or ASCII) or IP literal, which its certificate must name
     * @param trustRoot the roots to trust, or {@code null} for the platform's trust store
     * @param clientCertificate the key and chain to present if the server asks, or {@code null}
     * @param applicationProtocols the ALPN protocols to offer, in order of preference; empty for none
     * @return the options
     * @throws IllegalArgumentException if the host name is not valid or an ALPN name is empty or too long
     */
    public static ClientTlsOptions optionsForClientTLS(String hostName, @Nullable TrustRoot trustRoot,
            @Nullable PrivateCertificate clientCertificate, List<String> applicationProtocols) {
        CertificateOptions.Builder builder = CertificateOptions.builder().useClientMode(true)
                .trustRoot(trustRoot != null ? trustRoot : TrustRoot.platform())
                .applicationProtocols(applicationProtocols);
        if (clientCertificate != null) {
            builder.certificate(clientCertificate);
        }
        return new ClientTlsOptions(hostName, builder.build());
    }

    /**
     * Options for connecting to {@code hostName} with other settings (versions, cipher suites, trust, client
     * certificate, ALPN) taken from {@code clientOptions}, as Twisted's {@code extraCertificateOptions}.
     *
     * @throws IllegalArgumentException if the host name is not valid or the options are not in client mode
     */
    public static ClientTlsOptions of(String hostName, CertificateOptions clientOptions) {
        return new ClientTlsOptions(hostName, Objects.requireNonNull(clientOptions, "clientOptions"));
    }

    /**
     * Returns a new client engine that checks the server's certificate against this host name and sends
     * it through SNI (unless it is an IP literal).
     *
     * @param peerHost ignored: the host name these options were made for is the one checked and sent
     * @param peerPort the server's port, for session reuse; {@code -1} if unknown
     */
    @Override
    public SSLEngine newEngine(@Nullable String peerHost, int peerPort) {
        SSLEngine engine = options.newEngine(hostName, peerPort);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        List<SNIServerName> names = ipLiteral ? List.of() : List.of(new SNIHostName(hostName));
        parameters.setServerNames(names);
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Returns the host name checked and sent, in ASCII form (or the IP literal without brackets). */
    public String hostName() {
        return hostName;
    }

    /** Returns the underlying client-mode options. */
    public CertificateOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "ClientTlsOptions[" + hostName + "]";
    }
}
