package org.twisted4j.protocols.tls;

import org.twisted4j.internet.ConnectionLost;

/**
 * The reason a TLS connection ended because TLS itself failed: the handshake was refused (no common
 * protocol version or cipher suite, a certificate that does not verify), or a record could not be
 * decrypted or authenticated. The {@link #getCause() cause} is the {@link javax.net.ssl.SSLException} the
 * engine raised.
 *
 * <p>It is a {@link ConnectionLost}, so code that treats every unclean close alike needs nothing new:
 * <pre>{@code
 * public void connectionLost(Failure reason) {
 *     if (reason.check(TlsError.class) != null) {
 *         log.warn("TLS failed: {why}", "why", reason.getErrorMessage());
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class TlsError extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the reason.
     *
     * @param message what failed, for people reading logs
     * @param cause the engine's exception
     */
    public TlsError(String message, Throwable cause) {
        super(message, cause);
    }
}
