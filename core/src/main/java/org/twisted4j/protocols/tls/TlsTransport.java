package org.twisted4j.protocols.tls;

import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;

/**
 * A transport that encrypts with TLS, as Twisted's {@code ISSLTransport}: the plain {@link TCPTransport}
 * calls, plus what the handshake agreed on.
 *
 * <pre>{@code
 * if (transport() instanceof TlsTransport tls) {
 *     tls.whenHandshakeDone().addCallback(info -> {
 *         log.info("{peer} speaks {version}", "peer", tls.getPeer(), "version", info.protocol());
 *         return null;
 *     });
 * }
 * }</pre>
 *
 * <p>Half-close is not available over TLS: {@link #loseWriteConnection()} throws, and
 * {@link #loseConnection()} ends the TLS session with a close_notify alert before closing the connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface TlsTransport extends TCPTransport {

    /**
     * Returns a new Deferred that fires with the handshake's outcome once it has finished, or at once if it
     * has. It fails with the reason the connection was lost if that happens first (a {@link TlsError} when
     * the handshake itself failed). Each call returns a Deferred of its own.
     */
    Deferred<TlsHandshakeInfo> whenHandshakeDone();

    /** Returns what the handshake agreed on, or null while it has not finished. */
    @Nullable TlsHandshakeInfo handshakeInfo();

    /** Returns the TLS session: during the handshake, the one being negotiated. */
    SSLSession session();

    /**
     * Not supported: TLS has no half-close here.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    void loseWriteConnection();
}
