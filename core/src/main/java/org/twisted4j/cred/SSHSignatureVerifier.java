package org.twisted4j.cred;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Verifies SSH public key signatures (RFC 4252 section 7) with the JDK's own cryptography, as Twisted's
 * {@code Key.verify} does for {@link SSHPublicKeyChecker}. It knows the key types OpenSSH and Twisted's conch
 * sign with:
 *
 * <table>
 *   <caption>Key types and the signature algorithms accepted for them</caption>
 *   <tr><th>key blob</th><th>signature algorithm</th><th>JDK algorithm</th></tr>
 *   <tr><td>{@code ssh-ed25519}</td><td>{@code ssh-ed25519}</td><td>Ed25519 (RFC 8709)</td></tr>
 *   <tr><td>{@code ecdsa-sha2-nistp256}, {@code -nistp384}, {@code -nistp521}</td><td>the same name</td>
 *       <td>ECDSA with SHA-256, SHA-384, SHA-512 (RFC 5656)</td></tr>
 *   <tr><td>{@code ssh-rsa}</td><td>{@code rsa-sha2-256}, {@code rsa-sha2-512} (RFC 8332), and {@code ssh-rsa}
 *       (SHA-1, which Twisted still accepts and OpenSSH 8.8 and later no longer sends)</td>
 *       <td>PKCS #1 v1.5 RSA</td></tr>
 *   <tr><td>{@code ssh-dss}</td><td>{@code ssh-dss}</td><td>DSA with SHA-1</td></tr>
 * </table>
 *
 * <p>The signature's own algorithm name must be the one the client named in its request (RFC 8332 section 3.2);
 * security-key ({@code sk-}) and certificate key types are refused, as is anything malformed. Verification never
 * throws: whatever cannot be verified is simply not a valid signature.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class SSHSignatureVerifier implements SignatureVerifier {

    /** The DER prefix that makes a raw 32-octet Ed25519 key an X.509 {@code SubjectPublicKeyInfo}. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    /** Makes a verifier. */
    public SSHSignatureVerifier() {
    }

    @Override
    public boolean verify(String algorithm, byte[] blob, byte[] data, byte[] signature) {
        try {
            SshWire signed = new SshWire(signature);
            String signedWith = signed.name();
            byte[] raw = signed.string();
            if (!signed.atEnd() || !signedWith.equals(algorithm)) {
                return false;
            }
            SshWire key = new SshWire(blob);
            String keyType = key.name();
            return switch (keyType) {
                case "ssh-ed25519" -> signedWith.equals(keyType) && ed25519(key, data, raw);
                case "ecdsa-sha2-nistp256" -> signedWith.equals(keyType) && ecdsa(key, "nistp256", "secp256r1",
                        "SHA256", 32, data, raw);
                case "ecdsa-sha2-nistp384" -> signedWith.equals(keyType) && ecdsa(key, "nistp384", "secp384r1",
                        "SHA384", 48, data, raw);
                case "ecdsa-sha2-nistp521" -> signedWith.equals(keyType) && ecdsa(key, "nistp521", "secp521r1",
                        "SHA512", 66, data, raw);
                case "ssh-rsa" -> rsa(key, signedWith, data, raw);
                case "ssh-dss" -> signedWith.equals(keyType) && dsa(key, data, raw);
                default -> false;
            };
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return false;
        }
    }

    private static boolean ed25519(SshWire key, byte[] data, byte[] raw) throws GeneralSecurityException {
        byte[] point = key.string();
        if (!key.atEnd() || point.length != 32 || raw.length != 64) {
            return false;
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + point.length);
        System.arraycopy(point, 0, spki, ED25519_SPKI_PREFIX.length, point.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        return check("Ed25519", publicKey, data, raw);
    }

    private static boolean ecdsa(SshWire key, String curveId, String curve, String hash, int fieldOctets,
            byte[] data, byte[] raw) throws GeneralSecurityException {
        if (!key.name().equals(curveId)) {
            return false;
        }
        byte[] q = key.string();
        if (!key.atEnd() || q.length != 1 + 2 * fieldOctets || q[0] != 0x04) {
            return false;
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + fieldOctets)),
                new BigInteger(1, Arrays.copyOfRange(q, 1 + fieldOctets, q.length)));
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        SshWire rs = new SshWire(raw);
        byte[] r = unsigned(rs.mpint(), fieldOctets);
        byte[] s = unsigned(rs.mpint(), fieldOctets);
        if (!rs.atEnd() || r == null || s == null) {
            return false;
        }
        byte[] concatenated = Arrays.copyOf(r, 2 * fieldOctets);
        System.arraycopy(s, 0, concatenated, fieldOctets, fieldOctets);
        return check(hash + "withECDSAinP1363Format", publicKey, data, concatenated);
    }

    private static boolean rsa(SshWire key, String signedWith, byte[] data, byte[] raw)
            throws GeneralSecurityException {
        String jdkAlgorithm = switch (signedWith) {
            case "rsa-sha2-256" -> "SHA256withRSA";
            case "rsa-sha2-512" -> "SHA512withRSA";
            case "ssh-rsa" -> "SHA1withRSA";
            default -> null;
        };
        BigInteger e = key.mpint();
        BigInteger n = key.mpint();
        if (jdkAlgorithm == null || !key.atEnd() || n.signum() <= 0 || e.signum() <= 0) {
            return false;
        }
        // A signature may arrive shorter than the modulus (its leading zeros dropped); the JDK wants it whole.
        byte[] full = unsigned(new BigInteger(1, raw), (n.bitLength() + 7) / 8);
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        return full != null && check(jdkAlgorithm, publicKey, data, full);
    }

    private static boolean dsa(SshWire key, byte[] data, byte[] raw) throws GeneralSecurityException {
        BigInteger p = key.mpint();
        BigInteger q = key.mpint();
        BigInteger g = key.mpint();
        BigInteger y = key.mpint();
        if (!key.atEnd() || raw.length != 40 || q.bitLength() > 160) {
            return false;
        }
        PublicKey publicKey = KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(y, p, q, g));
        return check("SHA1withDSAinP1363Format", publicKey, data, raw);
    }

    private static boolean check(String jdkAlgorithm, PublicKey publicKey, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(jdkAlgorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** The non-negative {@code value} as exactly {@code octets} big-endian octets, or null if it does not fit. */
    private static byte @Nullable [] unsigned(BigInteger value, int octets) {
        if (value.signum() < 0 || value.bitLength() > 8 * octets) {
            return null;
        }
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[octets];
        int length = Math.min(bytes.length, octets);
        System.arraycopy(bytes, bytes.length - length, fixed, octets - length, length);
        return fixed;
    }
}
