package org.twisted4j.internet.ssl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The certificates trusted to vouch for a peer, as Twisted's {@code IOpenSSLTrustRoot}: either the platform's
 * trust store ({@link #platform()}, what {@code platformTrust()} gives in Twisted) or certificates of one's
 * own, such as a private CA or a peer's self-signed certificate pinned as its own root.
 *
 * <pre>{@code
 * TrustRoot system = TrustRoot.platform();
 * TrustRoot privateCa = TrustRoot.fromPem(Path.of("ca.pem"));
 * TlsOptions client = ClientTlsOptions.optionsForClientTLS("db.internal", privateCa, null, List.of());
 * }</pre>
 *
 * <p>Chains are checked by the JDK's PKIX validator (the {@code PKIX} trust manager): signatures, validity
 * dates, basicConstraints, keyUsage and extKeyUsage. Revocation is not checked unless the JDK's own
 * properties turn it on.
 *
 * <h2>Threading</h2>
 * Any thread: instances are immutable.
 */
public final class TrustRoot {
    private final X509ExtendedTrustManager trustManager;
    private final String description;

    private TrustRoot(@Nullable KeyStore anchors, String description) {
        this.description = description;
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            this.trustManager = Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JDK gave no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up trust in " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trusts what the platform trusts: the JDK's {@code cacerts}, or the store named by the
     * {@code javax.net.ssl.trustStore} system property.
     *
     * @throws IllegalStateException if the platform trust store cannot be read
     */
    public static TrustRoot platform() {
        return new TrustRoot(null, "the platform trust store");
    }

    /**
     * Trusts exactly these certificates as roots; a self-signed server certificate may be given to trust that
     * one server.
     *
     * @throws IllegalArgumentException if {@code roots} is empty
     */
    public static TrustRoot of(List<X509Certificate> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a trust root needs at least one certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + index++, root);
            }
            return new TrustRoot(store, roots.size() + " given certificate(s)");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold trusted certificates: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly these certificates as roots; see {@link #of(List)}. */
    public static TrustRoot of(X509Certificate... roots) {
        return of(List.of(roots));
    }

    /**
     * Trusts the certificates in a PEM file as roots.
     *
     * @throws CertificateError if the file cannot be read or holds no certificate
     */
    public static TrustRoot fromPem(Path file) {
        return of(Pem.readCertificates(file));
    }

    /**
     * Trusts the certificates in every {@code *.pem} file of a directory, as the {@code caCertsDir} and
     * {@code trustRoots} options of Twisted's endpoint strings; other files are skipped.
     *
     * @throws CertificateError if the directory cannot be listed, holds no {@code *.pem} file, or a
     *     {@code *.pem} file holds no certificate
     */
    public static TrustRoot fromPemDirectory(Path directory) {
        List<X509Certificate> roots = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pem"))
                    .filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                roots.addAll(Pem.readCertificates(file));
            }
        } catch (IOException e) {
            throw new CertificateError(CertificateError.Kind.UNREADABLE, directory.toString(),
                    "cannot list the directory: " + e, e);
        }
        if (roots.isEmpty()) {
            throw new CertificateError(CertificateError.Kind.NO_CERTIFICATE, directory.toString(),
                    "no *.pem file with certificates in the directory");
        }
        return of(roots);
    }

    /** Trusts the certificate entries of a loaded key store (such as a JKS or PKCS#12 trust store). */
    public static TrustRoot fromKeyStore(KeyStore store) {
        return new TrustRoot(store, "a key store");
    }

    /** Returns the root certificates trusted; for the platform, its whole store. */
    public List<X509Certificate> certificates() {
        return List.of(trustManager.getAcceptedIssuers());
    }

    TrustManager[] trustManagers() {
        return new TrustManager[] {trustManager};
    }

    @Override
    public String toString() {
        return "TrustRoot[" + description + "]";
    }
}
