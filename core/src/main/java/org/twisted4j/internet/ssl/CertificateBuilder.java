package org.twisted4j.internet.ssl;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes X.509 certificates with a fresh key: self-signed ones for servers and tests, certificate
 * authorities, and certificates issued by such an authority (for chains and client certificates). Uses the
 * JDK only.
 *
 * <pre>{@code
 * PrivateCertificate server = CertificateBuilder.selfSigned("localhost")
 *     .dnsNames("localhost").ipAddresses("127.0.0.1", "::1").build();
 *
 * PrivateCertificate ca = CertificateBuilder.authority("Test CA").build();
 * PrivateCertificate alice = CertificateBuilder.issuedBy(ca, "alice").keyType(KeyType.RSA_2048).build();
 * Files.writeString(Path.of("ca.pem"), ca.certificatesPem());
 * }</pre>
 *
 * <p>Each certificate has a random 127-bit serial number, the subject {@code CN=<common name>}, and the
 * extensions basicConstraints (critical), keyUsage (critical), subjectKeyIdentifier and, when issued by an
 * authority, authorityKeyIdentifier. End-entity certificates also get extKeyUsage serverAuth and clientAuth,
 * and subjectAltName with the DNS names and IP addresses given — or, when none are given, the common name as
 * a DNS name or IP address if it is one. Signatures are SHA256withECDSA (P-256), SHA384withECDSA (P-384),
 * SHA256withRSA or Ed25519, following the issuer's key. By default a certificate is valid from an hour ago
 * (to allow for clock skew) for 365 days.
 *
 * <h2>Threading</h2>
 * A builder belongs to one thread; {@link #build()} may be called again for another certificate.
 */
public final class CertificateBuilder {
    /** The kinds of key the builder can generate. */
    public enum KeyType {
        /** ECDSA on NIST P-256 (secp256r1): small, fast, the default. */
        EC_P256,
        /** ECDSA on NIST P-384 (secp384r1). */
        EC_P384,
        /** RSA with a 2048-bit modulus. */
        RSA_2048,
        /** RSA with a 3072-bit modulus. */
        RSA_3072,
        /** Ed25519 (not accepted by every TLS peer). */
        ED25519
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String commonName;
    private final @Nullable PrivateCertificate issuer;
    private boolean authority;
    private KeyType keyType = KeyType.EC_P256;
    private @Nullable KeyPair keyPair;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<InetAddress> ipAddresses = new ArrayList<>();
    private @Nullable Instant notBefore;
    private Duration validity = Duration.ofDays(365);

    private CertificateBuilder(String commonName, @Nullable PrivateCertificate issuer, boolean authority) {
        if (commonName.isEmpty()) {
            throw new IllegalArgumentException("the common name must not be empty");
        }
        this.commonName = commonName;
        this.issuer = issuer;
        this.authority = authority;
    }

    /** Starts a self-signed end-entity certificate for {@code commonName}, such as {@code "localhost"}. */
    public static CertificateBuilder selfSigned(String commonName) {
        return new CertificateBuilder(commonName, null, false);
    }

    /** Starts a self-signed certificate authority (basicConstraints CA:true) named {@code commonName}. */
    public static CertificateBuilder authority(String commonName) {
        return new CertificateBuilder(commonName, null, true);
    }

    /**
     * Starts an end-entity certificate for {@code commonName} signed by {@code issuer}; the result's chain is
     * the new certificate followed by the issuer's chain without a self-signed root.
     */
    public static CertificateBuilder issuedBy(PrivateCertificate issuer, String commonName) {
        return new CertificateBuilder(commonName, Objects.requireNonNull(issuer, "issuer"), false);
    }

    /** Makes the certificate an authority that can sign others (such as an intermediate), or not. */
    public CertificateBuilder certificateAuthority(boolean isAuthority) {
        this.authority = isAuthority;
        return this;
    }

    /** Chooses the kind of key to generate; {@link KeyType#EC_P256} by default. */
    public CertificateBuilder keyType(KeyType type) {
        this.keyType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** Uses this key pair instead of generating one (RSA, EC P-256/P-384 or Ed25519). */
    public CertificateBuilder keyPair(KeyPair pair) {
        this.keyPair = Objects.requireNonNull(pair, "pair");
        return this;
    }

    /** Adds DNS names to subjectAltName; a name may start with the wildcard label {@code *.}. */
    public CertificateBuilder dnsNames(String... names) {
        for (String name : names) {
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("not an ASCII DNS name (use its xn-- form): '" + name + "'");
            }
            dnsNames.add(name);
        }
        return this;
    }

    /**
     * Adds IP addresses, given as IPv4 or IPv6 literals, to subjectAltName.
     *
     * @throws IllegalArgumentException if one is not an IP literal
     */
    public CertificateBuilder ipAddresses(String... addresses) {
        for (String address : addresses) {
            InetAddress parsed = HostNames.ipLiteral(address);
            if (parsed == null) {
                throw new IllegalArgumentException("not an IP address literal: '" + address + "'");
            }
            ipAddresses.add(parsed);
        }
        return this;
    }

    /**
     * Sets when the certificate becomes valid and for how long.
     *
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    public CertificateBuilder validity(Instant from, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the validity must be positive: " + duration);
        }
        this.notBefore = from;
        this.validity = duration;
        return this;
    }

    /**
     * Generates the key (unless one was given) and the signed certificate.
     *
     * @return the new key with its chain
     * @throws IllegalStateException if the issuer is not a certificate authority or the JDK cannot generate
     *     or sign with the chosen key kind
     */
    public PrivateCertificate build() {
        if (issuer != null && issuer.certificate().getBasicConstraints() < 0) {
            throw new IllegalStateException("the issuer " + issuer.certificate().getSubjectX500Principal().getName()
                    + " is not a certificate authority");
        }
        try {
            KeyPair pair = keyPair != null ? keyPair : generate(keyType);
            PrivateKey signingKey = issuer != null ? issuer.key() : pair.getPrivate();
            byte[] subject = name(commonName);
            byte[] issuerName = issuer != null ? issuer.certificate().getSubjectX500Principal().getEncoded() : subject;
            byte[] spki = pair.getPublic().getEncoded();
            byte[] subjectKeyId = keyIdentifier(spki);
            byte[] authorityKeyId = issuer != null ? authorityKeyIdentifier(issuer.certificate()) : subjectKeyId;
            Instant from = (notBefore != null ? notBefore : Instant.now().minus(Duration.ofHours(1)))
                    .truncatedTo(ChronoUnit.SECONDS);
            SignatureAlgorithm signature = signatureAlgorithm(signingKey);
            byte[] algorithmId = signature.identifier();
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(2)),
                    Der.integer(new BigInteger(127, RANDOM).setBit(126)),
                    algorithmId,
                    issuerName,
                    Der.sequence(Der.time(from), Der.time(from.plus(validity))),
                    subject,
                    spki,
                    Der.explicit(3, extensions(pair.getPublic(), subjectKeyId, authorityKeyId)));
            Signature signer = Signature.getInstance(signature.jcaName());
            signer.initSign(signingKey);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithmId, Der.bitString(signer.sign()));
            X509Certificate parsed = Pem.certificate(certificate);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(parsed);
            if (issuer != null) {
                for (X509Certificate above : issuer.chain()) {
                    if (!above.getSubjectX500Principal().equals(above.getIssuerX500Principal())) {
                        chain.add(above);
                    }
                }
            }
            return PrivateCertificate.of(pair.getPrivate(), chain, "the generated certificate for " + commonName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private byte[] extensions(PublicKey publicKey, byte[] subjectKeyId, byte[] authorityKeyId) {
        List<byte[]> extensions = new ArrayList<>();
        extensions.add(extension("2.5.29.19", true,
                authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
        if (authority) {
            extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x86}, 1)));
        } else if (publicKey.getAlgorithm().equals("RSA")) {
            extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0xA0}, 5)));
        } else {
            extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x80}, 7)));
        }
        if (!authority) {
            extensions.add(extension("2.5.29.37", false,
                    Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"), Der.oid("1.3.6.1.5.5.7.3.2"))));
            byte[] names = subjectAltNames();
            if (names.length > 0) {
                extensions.add(extension("2.5.29.17", false, Der.tlv(Der.SEQUENCE, names)));
            }
        }
        extensions.add(extension("2.5.29.14", false, Der.octetString(subjectKeyId)));
        if (issuer != null) {
            extensions.add(extension("2.5.29.35", false,
                    Der.sequence(Der.implicitPrimitive(0, authorityKeyId))));
        }
        return Der.sequence(extensions.toArray(byte[][]::new));
    }

    private byte[] subjectAltNames() {
        List<String> dns = new ArrayList<>(dnsNames);
        List<InetAddress> ips = new ArrayList<>(ipAddresses);
        if (dns.isEmpty() && ips.isEmpty()) {
            InetAddress literal = HostNames.ipLiteral(commonName);
            if (literal != null) {
                ips.add(literal);
            } else if (commonName.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                dns.add(commonName);
            }
        }
        List<byte[]> names = new ArrayList<>();
        for (String name : dns) {
            names.add(Der.implicitPrimitive(2, name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        for (InetAddress address : ips) {
            names.add(Der.implicitPrimitive(7, address.getAddress()));
        }
        return Der.concat(names.toArray(byte[][]::new));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
    }

    /** RFC 5280's method 1: the SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(byte[] spki) throws GeneralSecurityException {
        byte[] bits = Der.read(spki).children().get(1).contents();
        return MessageDigest.getInstance("SHA-1").digest(java.util.Arrays.copyOfRange(bits, 1, bits.length));
    }

    private static byte[] authorityKeyIdentifier(X509Certificate issuer) throws GeneralSecurityException {
        byte[] extension = issuer.getExtensionValue("2.5.29.14");
        if (extension != null) {
            return Der.read(Der.read(extension).contents()).contents();
        }
        return keyIdentifier(issuer.getPublicKey().getEncoded());
    }

    /** A signature algorithm: its JCA name, its OID, and whether its AlgorithmIdentifier carries NULL. */
    private record SignatureAlgorithm(String jcaName, String oid, boolean nullParameters) {
        byte[] identifier() {
            return nullParameters ? Der.sequence(Der.oid(oid), Der.nullValue()) : Der.sequence(Der.oid(oid));
        }
    }

    private static SignatureAlgorithm signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> new SignatureAlgorithm("SHA256withRSA", "1.2.840.113549.1.1.11", true);
            case "EC" -> key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() > 256
                    ? new SignatureAlgorithm("SHA384withECDSA", "1.2.840.10045.4.3.3", false)
                    : new SignatureAlgorithm("SHA256withECDSA", "1.2.840.10045.4.3.2", false);
            case "EdDSA", "Ed25519" -> new SignatureAlgorithm("Ed25519", "1.3.101.112", false);
            default -> throw new IllegalStateException("cannot sign certificates with a " + key.getAlgorithm() + " key");
        };
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        return switch (type) {
            case EC_P256, EC_P384 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(type == KeyType.EC_P256 ? "secp256r1" : "secp384r1"));
                yield generator.generateKeyPair();
            }
            case RSA_2048, RSA_3072 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(type == KeyType.RSA_2048 ? 2048 : 3072);
                yield generator.generateKeyPair();
            }
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        };
    }
}
