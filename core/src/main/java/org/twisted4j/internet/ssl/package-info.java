/**
 * TLS configuration, as Twisted's {@code twisted.internet.ssl}: loading keys and certificates, making
 * self-signed and CA-issued certificates, and the options that make an {@link javax.net.ssl.SSLEngine} for
 * each connection ({@link org.twisted4j.internet.ssl.TlsOptions}). Uses the JDK only.
 *
 * <ul>
 * <li>{@link org.twisted4j.internet.ssl.Pem} and {@link org.twisted4j.internet.ssl.PrivateCertificate} read
 *     PEM certificates and keys (PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC) and PKCS#12/JKS stores;
 *     problems are a {@link org.twisted4j.internet.ssl.CertificateError} naming the file.
 * <li>{@link org.twisted4j.internet.ssl.CertificateBuilder} makes self-signed certificates, authorities and
 *     certificates they issue.
 * <li>{@link org.twisted4j.internet.ssl.CertificateOptions} configures a server (or a client): versions,
 *     cipher suites, ALPN, SNI, client certificates. {@link org.twisted4j.internet.ssl.ClientTlsOptions}
 *     configures a client for one host name, checking the server's certificate against it.
 * <li>{@link org.twisted4j.internet.ssl.TlsHandshakeInfo} tells what a finished handshake agreed on.
 * </ul>
 * <pre>{@code
 * PrivateCertificate certificate = PrivateCertificate.load(Path.of("server.key"), Path.of("server.pem"), null);
 * TlsOptions server = CertificateOptions.builder().certificate(certificate)
 *     .applicationProtocols(List.of("h2", "http/1.1")).build();
 * TlsOptions client = ClientTlsOptions.optionsForClientTLS("example.com");
 * }</pre>
 */
@NullMarked
package org.twisted4j.internet.ssl;

import org.jspecify.annotations.NullMarked;
