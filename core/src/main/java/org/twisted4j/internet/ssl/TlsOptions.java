package org.twisted4j.internet.ssl;

import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link SSLEngine} for each TLS connection, configured for one side (client or server): what
 * Twisted calls {@code IOpenSSLContextFactory} and {@code IOpenSSLClientConnectionCreator}.
 *
 * <p>The TLS transport asks for a new engine for every connection it wraps and drives it; the options decide
 * everything else — keys and certificates, trust, protocol versions, cipher suites, ALPN and SNI.
 * {@link CertificateOptions} is the general implementation, {@link ClientTlsOptions#optionsForClientTLS(String)} the usual
 * one for clients.
 * <pre>{@code
 * TlsOptions server = CertificateOptions.builder().certificate(PrivateCertificate.of(key, chain)).build();
 * SSLEngine engine = server.newEngine(null, -1);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: implementations are immutable, or at least safe to call from several threads at once.
 */
public interface TlsOptions {

    /**
     * Returns a new engine for one connection, already set to client or server mode.
     *
     * @param peerHost the peer's host name or address as known, used for session reuse and, on a client,
     *     possibly for SNI; {@code null} when unknown
     * @param peerPort the peer's port, or {@code -1} when unknown
     * @return a fresh engine that has not started its handshake
     */
    SSLEngine newEngine(@Nullable String peerHost, int peerPort);
}
