package org.twisted4j.internet.ssl;

/**
 * A TLS protocol version, as Twisted's {@code TLSVersion}, in order from oldest to newest.
 *
 * <p>TLS 1.0 and 1.1 are listed so that they can be named, but the JDK disables them by default through
 * the {@code jdk.tls.disabledAlgorithms} security property, which wins over any setting here.
 */
public enum TlsVersion {
    /** TLS 1.0 (RFC 2246); obsolete. */
    TLSv1("TLSv1"),
    /** TLS 1.1 (RFC 4346); obsolete. */
    TLSv1_1("TLSv1.1"),
    /** TLS 1.2 (RFC 5246). */
    TLSv1_2("TLSv1.2"),
    /** TLS 1.3 (RFC 8446). */
    TLSv1_3("TLSv1.3");

    private final String jdkName;

    TlsVersion(String jdkName) {
        this.jdkName = jdkName;
    }

    /** Returns the name the JDK's {@code SSLEngine} uses, such as {@code "TLSv1.3"}. */
    public String jdkName() {
        return jdkName;
    }
}
