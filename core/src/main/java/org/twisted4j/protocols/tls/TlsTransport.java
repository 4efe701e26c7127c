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
 * <p>{@link #loseConnection()} ends the TLS session with a close_notify alert before closing the connection;
 * {@link #loseWriteConnection()} sends the close_notify but keeps reading until the peer's.
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
     * Half-closes the TLS session: sends close_notify once what was written has been encrypted, and keeps
     * the connection open, still delivering what arrives, until the peer's close_notify or the end of the
     * connection. A sender uses it to learn that everything it sent arrived, as the peer answers only after
     * reading it all; closing the socket at once could have the kernel reset the connection over records the
     * peer sent that lie unread, dropping what was not sent yet.
     */
    @Override
    void loseWriteConnection();
}
