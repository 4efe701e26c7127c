package org.twisted4j.protocols.tls;

import org.twisted4j.internet.ssl.TlsHandshakeInfo;

/**
 * A protocol that wants to hear when the TLS handshake under it has finished, as Twisted's
 * {@code IHandshakeListener}. Implement it on the {@link org.twisted4j.internet.Protocol} that a
 * {@link TlsProtocol} wraps (or that called {@code startTLS}).
 *
 * <pre>{@code
 * final class Greeter extends Protocol implements TlsAware {
 *     public void handshakeCompleted(TlsHandshakeInfo info) {
 *         transport().write(("hello over " + info.protocol() + "\n").getBytes(US_ASCII));
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface TlsAware {

    /**
     * Called once, when the first handshake has finished and before any data it protects is delivered.
     * Writes made before it were held back and go out now, after it returns.
     *
     * @param info what the handshake agreed on
     */
    void handshakeCompleted(TlsHandshakeInfo info);
}
