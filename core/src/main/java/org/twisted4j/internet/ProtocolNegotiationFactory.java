package org.twisted4j.internet;

import java.util.List;

/**
 * A factory that names the application protocols its connections can speak, for TLS to negotiate with ALPN:
 * Twisted's {@code IProtocolNegotiationFactory}. A TLS layer wrapping such a factory offers these protocols,
 * in this order of preference, unless its own options name some; the protocol then learns the one chosen
 * from {@link org.twisted4j.internet.ssl.TlsHandshakeInfo#applicationProtocol()}.
 *
 * <pre>{@code
 * public List<String> acceptableProtocols() {
 *     return List.of("h2", "http/1.1");
 * }
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public interface ProtocolNegotiationFactory {

    /** Returns the ALPN protocol names this factory's protocols speak, the preferred first. */
    List<String> acceptableProtocols();
}
