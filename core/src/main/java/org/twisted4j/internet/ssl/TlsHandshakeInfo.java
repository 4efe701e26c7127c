package org.twisted4j.internet.ssl;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * What a finished TLS handshake agreed on, as a TLS transport shows it to its protocol: the version, the
 * cipher suite, the application protocol chosen by ALPN, the certificates, and the host name asked for by
 * SNI.
 *
 * <pre>{@code
 * TlsHandshakeInfo info = TlsHandshakeInfo.from(engine);
 * if ("h2".equals(info.applicationProtocol())) { startHttp2(); }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: records are immutable. {@link #from} reads the engine, so call it where the engine is driven.
 *
 * @param protocol the protocol version, such as {@code "TLSv1.3"}
 * @param cipherSuite the cipher suite, such as {@code "TLS_AES_128_GCM_SHA256"}
 * @param applicationProtocol the protocol ALPN chose, or {@code null} when none was negotiated
 * @param peerCertificates the peer's chain, its own certificate first; empty when it sent none
 * @param localCertificates the chain this side sent; empty when it sent none
 * @param serverName the host name the client asked for through SNI, or {@code null} when none
 */
public record TlsHandshakeInfo(String protocol, String cipherSuite, @Nullable String applicationProtocol,
        List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
        @Nullable String serverName) {

    /** Copies the certificate lists so that the record stays immutable. */
    public TlsHandshakeInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
    }

    /**
     * Reads what the engine's finished handshake agreed on.
     *
     * @param engine an engine whose handshake has completed
     * @return the handshake's outcome
     * @throws IllegalStateException if the engine has not completed a handshake
     */
    public static TlsHandshakeInfo from(SSLEngine engine) {
        SSLSession session = engine.getSession();
        if (session.getCipherSuite().equals("SSL_NULL_WITH_NULL_NULL") || session.getProtocol().equals("NONE")) {
            throw new IllegalStateException("the TLS handshake has not completed");
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsHandshakeInfo(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn,
                peerCertificates(session), x509(session.getLocalCertificates()), serverName(engine, session));
    }

    /** Returns the peer's own certificate, or {@code null} when it sent none. */
    public @Nullable X509Certificate peerCertificate() {
        return peerCertificates.isEmpty() ? null : peerCertificates.get(0);
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        try {
            return x509(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static List<X509Certificate> x509(Certificate @Nullable [] certificates) {
        List<X509Certificate> result = new ArrayList<>();
        if (certificates != null) {
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    result.add(x509);
                }
            }
        }
        return result;
    }

    private static @Nullable String serverName(SSLEngine engine, SSLSession session) {
        List<SNIServerName> names = engine.getUseClientMode()
                ? engine.getSSLParameters().getServerNames()
                : session instanceof ExtendedSSLSession extended ? extended.getRequestedServerNames() : List.of();
        if (names != null) {
            for (SNIServerName name : names) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }
}
