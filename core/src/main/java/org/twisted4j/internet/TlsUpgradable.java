package org.twisted4j.internet;

import java.nio.ByteBuffer;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * A transport that can switch a live connection to TLS, as Twisted's {@code ITLSTransport.startTLS}: the
 * STARTTLS of SMTP, IMAP, XMPP and friends. The TCP and UNIX transports of the reactor are upgradable.
 *
 * <pre>{@code
 * public void lineReceived(String line) {
 *     if (line.equals("STARTTLS") && transport() instanceof TlsUpgradable upgradable) {
 *         sendLine("220 go ahead");                          // still in the clear
 *         byte[] early = clearLineBuffer();                  // anything after the command is TLS already
 *         upgradable.startTLS(serverOptions, false, ByteBuffer.wrap(early));
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes written before the call go out in the clear, in order, before any TLS record; everything written
 * afterwards is encrypted. The protocol keeps its transport: writes, closes and producers go through the
 * TLS layer from then on, and what arrives is decrypted before it reaches {@code dataReceived}. The returned
 * {@link TlsTransport} tells when the handshake is done; a protocol that is {@link
 * org.twisted4j.protocols.tls.TlsAware} is told as well. Afterwards a half-close
 * ({@code loseWriteConnection}) half-closes the TLS session, as {@link TlsTransport#loseWriteConnection()}
 * describes.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface TlsUpgradable extends Transport {

    /**
     * Starts TLS now, with nothing received yet for it; see {@link #startTLS(TlsOptions, boolean, ByteBuffer)}.
     *
     * @param options makes the engine for this connection
     * @param client true if this end is the TLS client (it sends the first handshake message)
     * @return the TLS side of the connection, for the handshake's outcome
     * @throws IllegalStateException if TLS has already started, or the connection is closing or closed
     */
    default TlsTransport startTLS(TlsOptions options, boolean client) {
        return startTLS(options, client, ByteBuffer.allocate(0));
    }

    /**
     * Starts TLS now. Bytes that arrived in the same read as the command that switched, after it, are TLS
     * already: the protocol hands them back in {@code alreadyReceived} (for a {@code LineReceiver}, what
     * {@code clearLineBuffer()} returns), and they are decrypted before anything read later.
     *
     * @param options makes the engine for this connection
     * @param client true if this end is the TLS client (it sends the first handshake message)
     * @param alreadyReceived bytes already received that belong to TLS; read during the call, not kept
     * @return the TLS side of the connection, for the handshake's outcome
     * @throws IllegalStateException if TLS has already started, or the connection is closing or closed
     */
    TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived);
}
