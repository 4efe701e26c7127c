package org.twisted4j.conch.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * A server's host key: a JDK {@link KeyPair} with the SSH names it signs under, its public key blob (RFC 4253
 * section 6.6) and its signatures in SSH form.
 *
 * <table>
 *   <caption>Key types</caption>
 *   <tr><th>JDK key</th><th>signature algorithms</th></tr>
 *   <tr><td>Ed25519</td><td>{@code ssh-ed25519} (RFC 8709)</td></tr>
 *   <tr><td>EC on P-256, P-384, P-521</td><td>{@code ecdsa-sha2-nistp256}, {@code -nistp384}, {@code -nistp521}
 *       (RFC 5656)</td></tr>
 *   <tr><td>RSA</td><td>{@code rsa-sha2-512}, {@code rsa-sha2-256} (RFC 8332); SHA-1 {@code ssh-rsa} is not
 *       offered</td></tr>
 * </table>
 *
 * <p>With {@link #withCertificate} the key presents an OpenSSH host certificate under the same names followed by
 * {@code -cert-v01@openssh.com}.
 *
 * <pre>{@code
 * HostKey key = HostKey.generate("ssh-ed25519");
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (immutable; a new {@link Signature} per signing).
 */
public final class HostKey {
    private final KeyPair pair;
    private final String keyType;
    private final List<String> algorithms;
    private final byte[] blob;

    private HostKey(KeyPair pair, String keyType, List<String> algorithms, byte[] blob) {
        this.pair = pair;
        this.keyType = keyType;
        this.algorithms = algorithms;
        this.blob = blob;
    }

    /**
     * Wraps a key pair.
     *
     * @throws IllegalArgumentException if the key is not Ed25519, EC on a NIST curve SSH names, or RSA
     */
    public static HostKey of(KeyPair pair) {
        Objects.requireNonNull(pair, "pair");
        return switch (pair.getPublic()) {
            case EdECPublicKey ed when ed.getParams().getName().equalsIgnoreCase("Ed25519") -> {
                byte[] x509 = ed.getEncoded();
                byte[] point = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
                yield new HostKey(pair, "ssh-ed25519", List.of("ssh-ed25519"),
                        new SshWireWriter().name("ssh-ed25519").string(point).toByteArray());
            }
            case ECPublicKey ec -> {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                String curve = switch (bits) {
                    case 256 -> "nistp256";
                    case 384 -> "nistp384";
                    case 521 -> "nistp521";
                    default -> throw new IllegalArgumentException("EC curve of " + bits + " bits has no SSH name");
                };
                String name = "ecdsa-sha2-" + curve;
                yield new HostKey(pair, name, List.of(name), new SshWireWriter().name(name).name(curve)
                        .string(encodePoint(ec.getW(), (bits + 7) / 8)).toByteArray());
            }
            case RSAPublicKey rsa -> new HostKey(pair, "ssh-rsa", List.of("rsa-sha2-512", "rsa-sha2-256"),
                    new SshWireWriter().name("ssh-rsa").mpint(rsa.getPublicExponent()).mpint(rsa.getModulus())
                            .toByteArray());
            default -> throw new IllegalArgumentException("unsupported host key " + pair.getPublic().getAlgorithm());
        };
    }

    /**
     * Generates a new key in memory.
     *
     * @param type {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code -nistp384}, {@code -nistp521} or
     *     {@code ssh-rsa} (3072 bits)
     * @throws IllegalArgumentException for any other type
     */
    public static HostKey generate(String type) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case "ssh-ed25519" -> generator = KeyPairGenerator.getInstance("Ed25519");
                case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp" + type.substring(16) + "r1"));
                }
                case "ssh-rsa" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072);
                }
                default -> throw new IllegalArgumentException("unknown host key type " + type);
            }
            return of(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns this key presenting an OpenSSH host certificate (sshd's {@code HostCertificate}): it offers the
     * certificate's algorithms ({@code ssh-ed25519-cert-v01@openssh.com}, {@code rsa-sha2-512-cert-v01@openssh.com}
     * and so on), sends the certificate blob as its public key, and signs with the key itself. Offer both this and
     * the plain key to serve clients that do not trust the CA.
     *
     * @param certificateBlob the certificate in SSH wire form, as in the base 64 of {@code ssh_host_*_key-cert.pub}
     * @throws IllegalArgumentException if it is not a certificate of this very key
     */
    public HostKey withCertificate(byte[] certificateBlob) {
        String suffix = "-cert-v01@openssh.com";
        SshWire in = new SshWire(certificateBlob);
        String name = in.name();
        in.string(); // nonce
        SshWire plain = new SshWire(blob);
        plain.name();
        byte[] fields = plain.rest();
        byte[] rest = in.rest();
        if (!name.equals(keyType + suffix) || algorithms.get(0).endsWith(suffix) || rest.length < fields.length
                || !Arrays.equals(fields, Arrays.copyOf(rest, fields.length))) {
            throw new IllegalArgumentException("not a certificate of this " + keyType + " key");
        }
        return new HostKey(pair, keyType, algorithms.stream().map(a -> a + suffix).toList(),
                certificateBlob.clone());
    }

    /** Returns the key type of the blob, such as {@code ssh-ed25519} or {@code ssh-rsa}. */
    public String keyType() {
        return keyType;
    }

    /** Returns the signature algorithms this key signs under, the preferred first. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** Returns the public key blob. */
    public byte[] publicBlob() {
        return blob.clone();
    }

    /** Returns the key pair. */
    public KeyPair keyPair() {
        return pair;
    }

    /**
     * Signs data, giving the signature in SSH wire form ({@code string} algorithm, {@code string} signature).
     *
     * @param algorithm one of {@link #algorithms()}
     * @throws IllegalArgumentException if the algorithm is not one of them
     */
    public byte[] sign(String algorithm, byte[] data) {
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException(keyType + " does not sign as " + algorithm);
        }
        String plainAlgorithm = algorithm.endsWith("-cert-v01@openssh.com")
                ? algorithm.substring(0, algorithm.length() - "-cert-v01@openssh.com".length()) : algorithm;
        try {
            String jdk = switch (plainAlgorithm) {
                case "ssh-ed25519" -> "Ed25519";
                case "ecdsa-sha2-nistp256" -> "SHA256withECDSAinP1363Format";
                case "ecdsa-sha2-nistp384" -> "SHA384withECDSAinP1363Format";
                case "ecdsa-sha2-nistp521" -> "SHA512withECDSAinP1363Format";
                case "rsa-sha2-256" -> "SHA256withRSA";
                case "rsa-sha2-512" -> "SHA512withRSA";
                default -> throw new IllegalArgumentException(algorithm);
            };
            Signature signer = Signature.getInstance(jdk);
            signer.initSign(pair.getPrivate());
            signer.update(data);
            byte[] raw = signer.sign();
            if (plainAlgorithm.startsWith("ecdsa-")) {
                int half = raw.length / 2;
                raw = new SshWireWriter().mpint(new BigInteger(1, Arrays.copyOf(raw, half)))
                        .mpint(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))).toByteArray();
            }
            return new SshWireWriter().name(plainAlgorithm).string(raw).toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encodes an EC point uncompressed (SEC 1 section 2.3.3), each coordinate in {@code fieldOctets} octets. */
    static byte[] encodePoint(ECPoint w, int fieldOctets) {
        byte[] out = new byte[1 + 2 * fieldOctets];
        out[0] = 4;
        copyFixed(w.getAffineX(), out, 1, fieldOctets);
        copyFixed(w.getAffineY(), out, 1 + fieldOctets, fieldOctets);
        return out;
    }

    private static void copyFixed(BigInteger value, byte[] out, int at, int octets) {
        byte[] bytes = value.toByteArray();
        int n = Math.min(bytes.length, octets);
        System.arraycopy(bytes, bytes.length - n, out, at + octets - n, n);
    }

    @Override
    public String toString() {
        return "HostKey[" + keyType + "]";
    }
}
