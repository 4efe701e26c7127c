/**
 * TLS as a layer between a transport and a protocol, as Twisted's {@code twisted.protocols.tls}:
 * {@link org.twisted4j.protocols.tls.TlsProtocol} encrypts what its protocol writes and decrypts what
 * arrives, over any {@link org.twisted4j.internet.Transport}, with the JDK's
 * {@link javax.net.ssl.SSLEngine}; {@link org.twisted4j.protocols.tls.TlsFactory} wraps a factory so that a
 * listening port or connector speaks TLS; the TCP and UNIX transports use the same layer for STARTTLS
 * ({@link org.twisted4j.internet.TlsUpgradable}).
 *
 * <pre>{@code
 * TlsOptions options = ...;   // keys, certificates, trust: see org.twisted4j.internet.ssl
 * reactor.listenTCP(443, new TlsFactory(options, Factory.forProtocol(Echo::new), false));
 * }</pre>
 *
 * <p>The layer lives here, beside {@code protocols.policies} whose wrapper it extends, rather than with the
 * certificates and options in {@code internet.ssl}, as in Twisted.
 */
@NullMarked
package org.twisted4j.protocols.tls;

import org.jspecify.annotations.NullMarked;
