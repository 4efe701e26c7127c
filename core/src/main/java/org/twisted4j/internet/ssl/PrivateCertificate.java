package org.twisted4j.internet.ssl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A private key with its certificate chain: what a TLS server (or a client authenticating itself) presents,
 * as Twisted's {@code PrivateCertificate}. The chain starts with the key's own certificate and may go on
 * with the intermediate certificates that lead to a trusted root.
 *
 * <pre>{@code
 * PrivateCertificate server = PrivateCertificate.load(Path.of("server.key"), Path.of("server.pem"), null);
 * PrivateCertificate fromStore = PrivateCertificate.fromKeyStore(Path.of("server.p12"), password, null);
 * PrivateCertificate quick = CertificateBuilder.selfSigned("localhost").build();
 * }</pre>
 *
 * <p>Every way of making one checks that the key belongs to the first certificate.
 *
 * <h2>Threading</h2>
 * Any thread: instances are immutable.
 */
public final class PrivateCertificate {
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private PrivateCertificate(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    /**
     * Pairs a key with its certificate chain.
     *
     * @param key the private key
     * @param chain the key's certificate first, then any intermediates
     * @return the pair
     * @throws IllegalArgumentException if the chain is empty
     * @throws CertificateError of kind {@link CertificateError.Kind#KEY_MISMATCH} if the key does not belong
     *     to the first certificate
     */
    public static PrivateCertificate of(PrivateKey key, List<X509Certificate> chain) {
        return of(key, chain, "the given key and certificate");
    }

    static PrivateCertificate of(PrivateKey key, List<X509Certificate> chain, String source) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the key's own certificate");
        }
        List<X509Certificate> copy = List.copyOf(chain);
        if (!PrivateKeys.matches(key, copy.get(0).getPublicKey())) {
            throw new CertificateError(CertificateError.Kind.KEY_MISMATCH, source,
                    "the " + key.getAlgorithm() + " private key does not match the certificate for "
                            + copy.get(0).getSubjectX500Principal().getName());
        }
        return new PrivateCertificate(key, copy);
    }

    /**
     * Loads a key and its chain from PEM files, as Twisted's {@code ssl:} endpoint's {@code privateKey} and
     * {@code certKey} options. Both may name the same file holding the key and the certificates.
     *
     * @param keyFile a PEM file with the private key
     * @param certificateFile a PEM file with the key's certificate first, then any intermediates
     * @param password the key's password if it is encrypted, else {@code null}
     * @return the pair
     * @throws CertificateError if a file cannot be read or parsed, the key needs a password or was given the
     *     wrong one, or the key does not match the certificate
     */
    public static PrivateCertificate load(Path keyFile, Path certificateFile, char @Nullable [] password) {
        PrivateKey key = Pem.readPrivateKey(keyFile, password);
        List<X509Certificate> chain = Pem.readCertificates(certificateFile);
        return of(key, chain, keyFile.equals(certificateFile) ? keyFile.toString() : keyFile + " and " + certificateFile);
    }

    /**
     * Loads a key and its chain from one PEM file holding both, in any order.
     *
     * @throws CertificateError as {@link #load(Path, Path, char[])}
     */
    public static PrivateCertificate load(Path file, char @Nullable [] password) {
        return load(file, file, password);
    }

    /**
     * Loads a key entry from a PKCS#12 or JKS key store file; the store's type is recognised from its
     * contents.
     *
     * @param storeFile the key store
     * @param password the store's password, also used for the key entry
     * @param alias the entry to use, or {@code null} for the first key entry
     * @return the entry's key and chain
     * @throws CertificateError if the file cannot be read or is not a key store, the password is wrong, there
     *     is no such key entry, or the key does not match its certificate
     */
    public static PrivateCertificate fromKeyStore(Path storeFile, char[] password, @Nullable String alias) {
        String source = storeFile.toString();
        KeyStore store;
        try {
            if (!java.nio.file.Files.isRegularFile(storeFile)) {
                throw new CertificateError(CertificateError.Kind.UNREADABLE, source, "no such file");
            }
            store = KeyStore.getInstance(storeFile.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new CertificateError(CertificateError.Kind.WRONG_PASSWORD, source,
                        "wrong password for the key store", e);
            }
            if (!storeFile.toFile().canRead()) {
                throw new CertificateError(CertificateError.Kind.UNREADABLE, source, "cannot read: " + e, e);
            }
            throw new CertificateError(CertificateError.Kind.MALFORMED, source, "damaged key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateError(CertificateError.Kind.NOT_PEM, source,
                    "not a PKCS#12 or JKS key store: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CertificateError(CertificateError.Kind.UNREADABLE, source, "cannot read: " + e.getMessage(), e);
        }
        return fromKeyStore(store, password, alias, source);
    }

    /**
     * Takes a key entry from a loaded key store.
     *
     * @param store the key store
     * @param keyPassword the key entry's password
     * @param alias the entry to use, or {@code null} for the first key entry
     * @param source how to name the store in error messages
     * @return the entry's key and chain
     * @throws CertificateError if there is no such key entry, the password is wrong, or the key does not
     *     match its certificate
     */
    public static PrivateCertificate fromKeyStore(KeyStore store, char[] keyPassword, @Nullable String alias,
            String source) {
        try {
            String chosen = alias;
            if (chosen == null) {
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        chosen = candidate;
                        break;
                    }
                }
            }
            if (chosen == null || !store.isKeyEntry(chosen)) {
                throw new CertificateError(CertificateError.Kind.NO_KEY, source,
                        chosen == null ? "the key store holds no private key entry" : "no private key entry '" + chosen + "'");
            }
            Key key = store.getKey(chosen, keyPassword);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new CertificateError(CertificateError.Kind.NO_KEY, source, "entry '" + chosen + "' is not a private key");
            }
            Certificate[] certificates = store.getCertificateChain(chosen);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates == null ? new Certificate[0] : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            if (chain.isEmpty()) {
                throw new CertificateError(CertificateError.Kind.NO_CERTIFICATE, source,
                        "entry '" + chosen + "' has no X.509 certificate");
            }
            return of(privateKey, chain, source);
        } catch (UnrecoverableKeyException e) {
            throw new CertificateError(CertificateError.Kind.WRONG_PASSWORD, source, "wrong password for the key entry", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateError(CertificateError.Kind.MALFORMED, source, "cannot read the key store: " + e.getMessage(), e);
        }
    }

    /** Returns the private key. */
    public PrivateKey key() {
        return key;
    }

    /** Returns the key's own certificate, the first of the chain. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Returns the chain: the key's certificate first, then any intermediates; unmodifiable. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Returns a copy with {@code more} certificates appended to the chain, such as intermediates. */
    public PrivateCertificate withExtraChain(List<X509Certificate> more) {
        List<X509Certificate> longer = new ArrayList<>(chain);
        longer.addAll(more);
        return new PrivateCertificate(key, List.copyOf(longer));
    }

    /** Returns the chain as PEM text, one {@code CERTIFICATE} block per certificate. */
    public String certificatesPem() {
        return Pem.encodeCertificates(chain);
    }

    /** Returns the key as unencrypted PKCS#8 PEM text; keep it secret. */
    public String keyPem() {
        return Pem.encodePrivateKey(key);
    }

    /**
     * Writes the key and the chain as PEM files, as for a quick start with a generated certificate; the key
     * file is readable by its owner only.
     *
     * @param keyFile where to write the key; must not exist yet
     * @param certificateFile where to write the chain; replaced if it exists
     * @throws IOException if a file cannot be written or the key file exists
     */
    public void save(Path keyFile, Path certificateFile) throws IOException {
        Pem.writePrivateKey(keyFile, key);
        java.nio.file.Files.writeString(certificateFile, certificatesPem(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "PrivateCertificate[" + certificate().getSubjectX500Principal().getName() + ", " + key.getAlgorithm()
                + ", chain of " + chain.size() + "]";
    }
}
