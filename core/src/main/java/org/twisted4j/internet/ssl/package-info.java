/**
 * TLS configuration, as Twisted's {@code twisted.internet.ssl}: loading keys and certificates, making
 * self-signed and CA-issued certificates, and the options that make an {@link javax.net.ssl.SSLEngine} for
 * each connection ({@link org.twisted4j.internet.ssl.TlsOptions}).
 */
@NullMarked
package org.twisted4j.internet.ssl;

import org.jspecify.annotations.NullMarked;
