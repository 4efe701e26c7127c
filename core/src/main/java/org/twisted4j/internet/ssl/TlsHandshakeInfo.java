package org.twisted4j.internet.ssl;

import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * What a finished TLS handshake agreed on: the protocol version, the cipher suite, the application protocol
 * chosen by ALPN, and the certificates the peer presented.
 *
 * <pre>{@code
 * TlsHandshakeInfo info = TlsHandshakeInfo.from(engine);
 * if (!"h2".equals(info.applicationProtocol())) { ... }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: it is an immutable value.
 *
 * @param protocol the protocol version, such as {@code "TLSv1.3"}
 * @param cipherSuite the cipher suite, such as {@code "TLS_AES_128_GCM_SHA256"}
 * @param applicationProtocol the protocol ALPN chose, or null if none was negotiated
 * @param peerCertificates the peer's certificate chain, its own first; empty if it presented none
 */
public record TlsHandshakeInfo(String protocol, String cipherSuite, @Nullable String applicationProtocol,
        List<Certificate> peerCertificates) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException if {@code protocol}, {@code cipherSuite} or {@code peerCertificates} is null
     */
    public TlsHandshakeInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
    }

    /**
     * Reads what {@code engine}'s finished handshake agreed on.
     *
     * @param engine an engine whose handshake has finished
     * @return the handshake's outcome
     */
    public static TlsHandshakeInfo from(SSLEngine engine) {
        SSLSession session = engine.getSession();
        List<Certificate> peer;
        try {
            peer = Arrays.asList(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException noCertificates) {
            peer = List.of();
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsHandshakeInfo(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn, peer);
    }
}
