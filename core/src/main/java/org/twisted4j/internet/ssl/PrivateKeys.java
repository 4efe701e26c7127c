package org.twisted4j.internet.ssl;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/** Turns the PEM private key kinds into JDK keys, and checks that a key belongs to a public key. */
final class PrivateKeys {
    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    private static final Map<String, String> ALGORITHMS = Map.of(
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            "1.2.840.10040.4.1", "DSA",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448");

    private PrivateKeys() {
    }

    static PrivateKey decode(Pem.Block block, String source, char @Nullable [] password) {
        if (block.headers().containsKey("Proc-Type") || block.headers().containsKey("DEK-Info")) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "the key uses OpenSSL's legacy PEM encryption (Proc-Type header), which is not supported;"
                            + " convert it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'");
        }
        return switch (block.label()) {
            case "PRIVATE KEY" -> fromPkcs8(block.der(), source);
            case "ENCRYPTED PRIVATE KEY" -> fromPkcs8(decrypt(block.der(), source, password), source);
            case "RSA PRIVATE KEY" -> fromPkcs8(wrapPkcs1(block.der(), source), source);
            case "EC PRIVATE KEY" -> fromPkcs8(wrapSec1(block.der(), source), source);
            default -> throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "unsupported key kind '" + block.label() + "'; supported are PRIVATE KEY, ENCRYPTED PRIVATE KEY,"
                            + " RSA PRIVATE KEY and EC PRIVATE KEY");
        };
    }

    /** Makes a JDK key from an unencrypted PKCS#8 PrivateKeyInfo, choosing the key factory by its OID. */
    static PrivateKey fromPkcs8(byte[] der, String source) {
        String oid;
        try {
            List<Der.Value> info = Der.read(der).children();
            oid = info.get(1).children().get(0).oidString();
        } catch (RuntimeException e) {
            throw new CertificateError(CertificateError.Kind.MALFORMED, source,
                    "the PKCS#8 private key is damaged", e);
        }
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "unsupported private key algorithm " + oid);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException e) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "this JDK has no " + algorithm + " key support", e);
        } catch (InvalidKeySpecException e) {
            throw new CertificateError(algorithm.equals("EC") ? CertificateError.Kind.UNSUPPORTED_KEY
                    : CertificateError.Kind.MALFORMED, source,
                    "the " + algorithm + " private key is damaged or uses unsupported parameters: " + e.getMessage(), e);
        }
    }

    private static byte[] decrypt(byte[] der, String source, char @Nullable [] password) {
        if (password == null) {
            throw new CertificateError(CertificateError.Kind.PASSWORD_REQUIRED, source,
                    "the private key is encrypted and no password was given");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            String scheme = encryptionScheme(der);
            if (scheme != null) {
                throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                        "the key is encrypted with a scheme this JDK does not support (" + scheme + ");"
                                + " re-encrypt it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'", e);
            }
            throw new CertificateError(CertificateError.Kind.MALFORMED, source,
                    "the encrypted private key is damaged", e);
        }
        String algorithm = info.getAlgName();
        if (algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13")) {
            // Older JDKs name only the scheme; the parameters name the full PBE algorithm.
            algorithm = String.valueOf(info.getAlgParameters());
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(password);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec),
                    info.getAlgParameters());
            spec.clearPassword();
            return info.getKeySpec(cipher).getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "the key is encrypted with " + algorithm + ", which this JDK does not support", e);
        } catch (InvalidKeySpecException e) {
            // Decryption "worked" but did not give a PKCS#8 structure: almost always a wrong password.
            throw wrongPassword(source, e);
        } catch (GeneralSecurityException e) {
            if (e instanceof BadPaddingException || e.getCause() instanceof BadPaddingException) {
                throw wrongPassword(source, e);
            }
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "cannot decrypt the key (" + algorithm + "): " + e.getMessage(), e);
        }
    }

    /** Names the encryption of a well-formed EncryptedPrivateKeyInfo, such as "PBES2 with KDF scrypt"; else null. */
    private static @Nullable String encryptionScheme(byte[] der) {
        try {
            List<Der.Value> info = Der.read(der).children();
            List<Der.Value> algorithm = info.get(0).children();
            String oid = algorithm.get(0).oidString();
            if (info.get(1).tag() != Der.OCTET_STRING) {
                return null;
            }
            if (!oid.equals("1.2.840.113549.1.5.13") || algorithm.size() < 2) {
                return oid;
            }
            String kdf = algorithm.get(1).children().get(0).children().get(0).oidString();
            return "PBES2 with key derivation " + (kdf.equals("1.3.6.1.4.1.11591.4.11") ? "scrypt" : kdf);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static CertificateError wrongPassword(String source, Exception e) {
        return new CertificateError(CertificateError.Kind.WRONG_PASSWORD, source,
                "wrong password for the encrypted private key", e);
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo. */
    private static byte[] wrapPkcs1(byte[] pkcs1, String source) {
        try {
            Der.read(pkcs1).children();
        } catch (RuntimeException e) {
            throw new CertificateError(CertificateError.Kind.MALFORMED, source, "the RSA private key is damaged", e);
        }
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()),
                Der.octetString(pkcs1));
    }

    /** Wraps a SEC1 ECPrivateKey into a PKCS#8 PrivateKeyInfo, taking the curve from its parameters. */
    private static byte[] wrapSec1(byte[] sec1, String source) {
        Der.Value parameters = null;
        try {
            for (Der.Value field : Der.read(sec1).children()) {
                if (field.tag() == 0xA0) {
                    parameters = Der.read(field.contents());
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw new CertificateError(CertificateError.Kind.MALFORMED, source, "the EC private key is damaged", e);
        }
        if (parameters == null) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "the EC key does not name its curve (no parameters field)");
        }
        if (parameters.tag() != Der.OID) {
            throw new CertificateError(CertificateError.Kind.UNSUPPORTED_KEY, source,
                    "the EC key has explicit curve parameters; only named curves are supported");
        }
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC_PUBLIC_KEY), parameters.encoded()),
                Der.octetString(sec1));
    }

    /**
     * Tells whether {@code key} is the private half of {@code publicKey}, by signing a challenge and
     * verifying the signature; true also when the key's kind cannot sign (nothing to check then).
     */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return key.getAlgorithm().equals(publicKey.getAlgorithm());
        }
        try {
            byte[] challenge = "twisted4j key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
