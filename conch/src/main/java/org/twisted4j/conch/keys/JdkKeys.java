package org.twisted4j.conch.keys;

import java.io.Serial;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * JDK keys made from the numbers key formats hold, each checked as OpenSSH checks it (sizes, ranges, points on
 * their curve, RSA's primes multiplying to its modulus).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class JdkKeys {

    private JdkKeys() {
    }

    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    static PublicKey ed25519Public(byte[] point) throws BadKeyException {
        if (point.length != 32) {
            throw new BadKeyException("Ed25519 public key is not 32 octets");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Key.concat(ED25519_SPKI_PREFIX, point)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadKeyException("bad Ed25519 public key", e);
        }
    }

    static PrivateKey ed25519Private(byte[] seed) throws BadKeyException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadKeyException("bad Ed25519 private key", e);
        }
    }

    /** The public key of an Ed25519 seed, derived by the JDK's key generator. */
    static PublicKey ed25519PublicFromSeed(byte[] seed) throws BadKeyException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new BadKeyException("bad Ed25519 seed", e);
        }
    }

    static PublicKey rsaPublic(BigInteger n, BigInteger e) throws BadKeyException {
        if (n.signum() <= 0 || n.bitLength() < Key.MIN_RSA_BITS || n.bitLength() > Key.MAX_RSA_BITS || e.signum() <= 0
                || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw new BadKeyException("RSA key out of range (modulus " + Key.MIN_RSA_BITS + " to " + Key.MAX_RSA_BITS
                    + " bits, odd positive exponent)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new BadKeyException("bad RSA public key", ex);
        }
    }

    static PrivateKey rsaPrivate(BigInteger n, BigInteger e, BigInteger d, BigInteger iqmp, BigInteger p,
            BigInteger q) throws BadKeyException {
        if (p.signum() <= 0 || q.signum() <= 0 || d.signum() <= 0 || !p.multiply(q).equals(n)) {
            throw new BadKeyException("RSA private key is inconsistent (p times q is not n)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q,
                    d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), iqmp));
        } catch (GeneralSecurityException ex) {
            throw new BadKeyException("bad RSA private key", ex);
        }
    }

    static ECParameterSpec curve(KeyType type) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(type.jdkCurve()));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + type.jdkCurve(), e);
        }
    }

    static PublicKey ecPublic(KeyType type, byte[] q) throws BadKeyException {
        int n = type.fieldOctets();
        if (q.length != 1 + 2 * n || q[0] != 4) {
            throw new BadKeyException("ECDSA public point is not an uncompressed point of its curve");
        }
        ECParameterSpec spec = curve(type);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + n));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(q, 1 + n, q.length));
        EllipticCurve curve = spec.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).subtract(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB())).mod(p)
                        .equals(BigInteger.ZERO)) {
            throw new BadKeyException("ECDSA public point is not on its curve");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
        } catch (GeneralSecurityException e) {
            throw new BadKeyException("bad ECDSA public key", e);
        }
    }

    static PrivateKey ecPrivate(KeyType type, BigInteger d) throws BadKeyException {
        ECParameterSpec spec = curve(type);
        if (d.signum() <= 0 || d.compareTo(spec.getOrder()) >= 0) {
            throw new BadKeyException("ECDSA private scalar out of range");
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, spec));
        } catch (GeneralSecurityException e) {
            throw new BadKeyException("bad ECDSA private key", e);
        }
    }


    /** A random source that gives one fixed seed: how the JDK is made to derive an Ed25519 public key. */
    private static final class FixedRandom extends SecureRandom {
        @Serial
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
        }
    }

}
