package org.twisted4j.internet.ssl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings for one side of a connection, as Twisted's {@code CertificateOptions}: the certificate to
 * present, whom to trust, which protocol versions, cipher suites and application protocols (ALPN) to allow,
 * and, for servers, certificates per host name (SNI) and whether to ask clients for certificates.
 *
 * <pre>{@code
 * CertificateOptions server = CertificateOptions.builder()
 *     .certificate(PrivateCertificate.load(Path.of("key.pem"), Path.of("cert.pem"), null))
 *     .sniCertificate("api.example.com", apiCertificate)
 *     .applicationProtocols(List.of("h2", "http/1.1"))
 *     .build();
 * SSLEngine engine = server.newEngine(null, -1);   // one per connection, done by the TLS transport
 * }</pre>
 * Clients usually want {@link ClientTlsOptions#optionsForClientTLS}, which also checks the server's host
 * name; a {@code CertificateOptions} in client mode checks the server's chain but not its name.
 *
 * <h2>Defaults</h2>
 * <ul>
 * <li>Server mode ({@link Builder#useClientMode}).
 * <li>Versions TLS 1.2 and TLS 1.3 ({@link #DEFAULT_MINIMUM_VERSION}, {@link #DEFAULT_MAXIMUM_VERSION}).
 * <li>Cipher suites: those of the JDK's defaults that have forward secrecy and authenticated encryption —
 *     the TLS 1.3 suites, and for TLS 1.2 ECDHE or DHE key exchange with AES-GCM or ChaCha20-Poly1305 —
 *     plus the renegotiation-info signalling value. Dropped: static RSA key exchange, every CBC suite, and
 *     anything NULL, anonymous, export-grade, RC4, DES/3DES, MD5 or DSS. A server prefers its own order.
 * <li>Trust (client mode, and servers checking client certificates): the platform's trust store for
 *     clients; none for servers, which must be given a {@link TrustRoot} to check client certificates.
 * <li>No ALPN; no client certificate asked for.
 * </ul>
 *
 * <h2>ALPN</h2>
 * A client offers its protocols in order. A server picks the first protocol of its own list that the client
 * offered; if there is none in common, or the client offered none, the connection goes on without an
 * application protocol (as Twisted does) instead of failing.
 *
 * <h2>Renegotiation</h2>
 * TLS 1.3 has none. For TLS 1.2 the JDK accepts secure client-initiated renegotiation unless the system
 * property {@code jdk.tls.rejectClientInitiatedRenegotiation=true} is set; that is a JVM-wide setting, so
 * these options leave it to the application (set it on the command line to refuse renegotiation).
 *
 * <h2>Threading</h2>
 * Any thread: the options are immutable once built, and {@link #newEngine} may be called from several
 * threads at once. The builder belongs to one thread.
 */
public final class CertificateOptions implements TlsOptions {
    /** The oldest version allowed unless set otherwise: TLS 1.2. */
    public static final TlsVersion DEFAULT_MINIMUM_VERSION = TlsVersion.TLSv1_2;
    /** The newest version allowed unless set otherwise: TLS 1.3. */
    public static final TlsVersion DEFAULT_MAXIMUM_VERSION = TlsVersion.TLSv1_3;

    /** Whether and how a server asks the client for a certificate. */
    public enum ClientAuthentication {
        /** The server does not ask for a client certificate. */
        NONE,
        /** The server asks; a client without a certificate is still accepted, one with a bad one is not. */
        REQUEST,
        /** The server asks and refuses a client without a valid certificate. */
        REQUIRE
    }

    private final SSLContext context;
    private final boolean clientMode;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<String> applicationProtocols;
    private final ClientAuthentication clientAuthentication;

    private CertificateOptions(Builder builder) {
        this.clientMode = builder.clientMode;
        this.clientAuthentication = builder.clientAuthentication;
        this.applicationProtocols = List.copyOf(builder.applicationProtocols);
        checkSides(builder);
        PrivateCertificate presented = builder.certificate == null || builder.extraChain.isEmpty()
                ? builder.certificate : builder.certificate.withExtraChain(builder.extraChain);
        TrustRoot trust = builder.trustRoot != null ? builder.trustRoot : clientMode ? TrustRoot.platform() : null;
        try {
            context = SSLContext.getInstance("TLS");
            KeyManager[] keyManagers = presented == null && builder.sniCertificates.isEmpty() ? null
                    : new KeyManager[] {new SniKeyManager(presented, builder.sniCertificates)};
            context.init(keyManagers, trust == null ? null : trust.trustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
        SSLParameters supported = context.getSupportedSSLParameters();
        this.protocols = versions(builder.minimumVersion, builder.maximumVersion, supported.getProtocols());
        this.cipherSuites = builder.cipherSuites != null
                ? checkedSuites(builder.cipherSuites, supported.getCipherSuites())
                : CipherSuites.strong(context.getDefaultSSLParameters().getCipherSuites());
    }

    private static void checkSides(Builder builder) {
        if (builder.clientMode) {
            if (builder.clientAuthentication != ClientAuthentication.NONE) {
                throw new IllegalStateException("only a server asks for client certificates");
            }
            if (!builder.sniCertificates.isEmpty()) {
                throw new IllegalStateException("only a server chooses certificates by SNI host name");
            }
        } else {
            if (builder.certificate == null) {
                throw new IllegalStateException("a server needs a certificate: call certificate(...)");
            }
            if (builder.clientAuthentication != ClientAuthentication.NONE && builder.trustRoot == null) {
                throw new IllegalStateException(
                        "checking client certificates needs a trust root naming the CAs that issue them");
            }
        }
    }

    /** Returns a new builder, in server mode with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a new engine for one connection, set to this side's mode, versions, cipher suites, ALPN and
     * client-certificate policy.
     *
     * @param peerHost the peer's host as known, for client session reuse (and, in client mode, SNI when it
     *     is a host name); {@code null} if unknown
     * @param peerPort the peer's port, or {@code -1}
     */
    @Override
    public SSLEngine newEngine(@Nullable String peerHost, int peerPort) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(clientMode);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        if (!clientMode) {
            parameters.setUseCipherSuitesOrder(true);
            switch (clientAuthentication) {
                case REQUIRE -> parameters.setNeedClientAuth(true);
                case REQUEST -> parameters.setWantClientAuth(true);
                case NONE -> parameters.setNeedClientAuth(false);
            }
        }
        engine.setSSLParameters(parameters);
        offerApplicationProtocols(engine, applicationProtocols);
        return engine;
    }

    /**
     * Sets up ALPN on an engine, unless {@code protocols} is empty: a client offers them; a server chooses the
     * first of them, in this order, that the client offers, and negotiates none if the client offers none of
     * them.
     *
     * @param engine the engine, in the mode it will run in
     * @param protocols ALPN protocol names, the preferred first
     */
    public static void offerApplicationProtocols(SSLEngine engine, List<String> protocols) {
        if (protocols.isEmpty()) {
            return;
        }
        List<String> ours = List.copyOf(protocols);
        if (engine.getUseClientMode()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setApplicationProtocols(ours.toArray(String[]::new));
            engine.setSSLParameters(parameters);
        } else {
            engine.setHandshakeApplicationProtocolSelector((ignored, offered) -> choose(ours, offered));
        }
    }

    /**
     * Whether ALPN has been set up on an engine (by {@link #offerApplicationProtocols} or otherwise).
     *
     * @param engine the engine
     * @return true if it offers protocols (client) or chooses among them (server)
     */
    public static boolean offersApplicationProtocols(SSLEngine engine) {
        return engine.getSSLParameters().getApplicationProtocols().length > 0
                || engine.getHandshakeApplicationProtocolSelector() != null;
    }

    /** The first of {@code ours} that the peer offered, or "" (no ALPN) when none. */
    static String choose(List<String> ours, List<String> offered) {
        for (String protocol : ours) {
            if (offered.contains(protocol)) {
                return protocol;
            }
        }
        return "";
    }

    /** Returns whether engines are made for the client side. */
    public boolean isClientMode() {
        return clientMode;
    }

    /** Returns the protocol versions enabled, in the JDK's names (such as {@code TLSv1.3}), newest first. */
    public List<String> protocols() {
        return protocols;
    }

    /** Returns the cipher suites enabled, in order of preference. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Returns the ALPN protocols offered (client) or accepted in order of preference (server). */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Returns whether a server asks for client certificates. */
    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    private static List<String> versions(TlsVersion minimum, TlsVersion maximum, String[] supported) {
        if (minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("the minimum version " + minimum + " is newer than the maximum " + maximum);
        }
        Set<String> available = Set.of(supported);
        List<String> enabled = new ArrayList<>();
        for (int i = maximum.ordinal(); i >= minimum.ordinal(); i--) {
            TlsVersion version = TlsVersion.values()[i];
            if (available.contains(version.jdkName())) {
                enabled.add(version.jdkName());
            }
        }
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("this JDK supports none of the versions " + minimum + " to " + maximum);
        }
        return List.copyOf(enabled);
    }

    private static List<String> checkedSuites(List<String> wanted, String[] supported) {
        List<String> known = Arrays.asList(supported);
        for (String suite : wanted) {
            if (!known.contains(suite)) {
                throw new IllegalArgumentException("this JDK does not support the cipher suite " + suite);
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("at least one cipher suite is needed");
        }
        return List.copyOf(wanted);
    }

    /**
     * Collects the settings for {@link CertificateOptions}; every setting has the default described there.
     * Reactor thread or any single thread: a builder is not safe to share.
     */
    public static final class Builder {
        private boolean clientMode;
        private @Nullable PrivateCertificate certificate;
        private final List<X509Certificate> extraChain = new ArrayList<>();
        private final Map<String, PrivateCertificate> sniCertificates = new LinkedHashMap<>();
        private @Nullable TrustRoot trustRoot;
        private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;
        private TlsVersion minimumVersion = DEFAULT_MINIMUM_VERSION;
        private TlsVersion maximumVersion = DEFAULT_MAXIMUM_VERSION;
        private @Nullable List<String> cipherSuites;
        private List<String> applicationProtocols = List.of();

        private Builder() {
        }

        /** Makes engines for the client side ({@code true}) or the server side (the default). */
        public Builder useClientMode(boolean client) {
            this.clientMode = client;
            return this;
        }

        /**
         * Sets the key and chain to present: a server's default certificate (the one used when SNI names no
         * other), or a client's certificate.
         */
        public Builder certificate(PrivateCertificate keyAndChain) {
            this.certificate = Objects.requireNonNull(keyAndChain, "keyAndChain");
            return this;
        }

        /** Appends certificates (such as intermediates) to the chain sent with {@link #certificate}. */
        public Builder extraCertificateChain(List<X509Certificate> certificates) {
            extraChain.addAll(List.copyOf(certificates));
            return this;
        }

        /**
         * Presents {@code keyAndChain} to clients that ask for {@code hostName} through SNI; a host name
         * {@code *.example.com} stands for every name one label below {@code example.com}.
         *
         * @throws IllegalArgumentException if the host name is empty or has a wildcard anywhere but as the
         *     whole first label
         */
        public Builder sniCertificate(String hostName, PrivateCertificate keyAndChain) {
            String host = hostName.endsWith(".") ? hostName.substring(0, hostName.length() - 1) : hostName;
            if (host.isEmpty() || host.lastIndexOf('*') > 0 || (host.startsWith("*") && !host.startsWith("*."))) {
                throw new IllegalArgumentException("not a host name for SNI: '" + hostName + "'");
            }
            sniCertificates.put(host, Objects.requireNonNull(keyAndChain, "keyAndChain"));
            return this;
        }

        /** Sets the roots trusted to vouch for the peer's certificate. */
        public Builder trustRoot(TrustRoot roots) {
            this.trustRoot = Objects.requireNonNull(roots, "roots");
            return this;
        }

        /** Server only: refuse clients without a certificate issued under the trust root. */
        public Builder requireClientCertificate() {
            this.clientAuthentication = ClientAuthentication.REQUIRE;
            return this;
        }

        /** Server only: ask clients for a certificate but accept those that send none. */
        public Builder requestClientCertificate() {
            this.clientAuthentication = ClientAuthentication.REQUEST;
            return this;
        }

        /** Sets the oldest protocol version allowed; TLS 1.2 by default. */
        public Builder minimumVersion(TlsVersion version) {
            this.minimumVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Sets the newest protocol version allowed; TLS 1.3 by default. */
        public Builder maximumVersion(TlsVersion version) {
            this.maximumVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Enables exactly these cipher suites (JDK names), in order of preference, instead of the defaults. */
        public Builder cipherSuites(List<String> suites) {
            this.cipherSuites = List.copyOf(suites);
            return this;
        }

        /**
         * Sets the ALPN protocols, such as {@code "h2"} and {@code "http/1.1"}, in order of preference.
         *
         * @throws IllegalArgumentException if a name is empty or longer than 255 bytes
         */
        public Builder applicationProtocols(List<String> protocols) {
            for (String protocol : protocols) {
                int length = protocol.getBytes(StandardCharsets.UTF_8).length;
                if (length == 0 || length > 255) {
                    throw new IllegalArgumentException("an ALPN protocol name has 1 to 255 bytes: '" + protocol + "'");
                }
            }
            this.applicationProtocols = List.copyOf(protocols);
            return this;
        }

        /**
         * Makes the options.
         *
         * @throws IllegalStateException if a server has no certificate, client certificates are asked for
         *     without a trust root, or a client-only setting is used on a server (or the other way round)
         * @throws IllegalArgumentException if the versions or cipher suites are not supported by this JDK
         */
        public CertificateOptions build() {
            return new CertificateOptions(this);
        }
    }
}
