package org.twisted4j.conch.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * One side's ephemeral key in a key exchange: it gives its public value in wire form (a {@code string} for the
 * elliptic curves, an {@code mpint} for Diffie-Hellman, as the exchange hash also takes them) and agrees on the
 * shared secret {@code K} from the peer's.
 *
 * <h2>Threading</h2>
 * Confined to the connection's reactor thread.
 */
abstract class KeyAgreement {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The peer's public value as it appeared on the wire, and the shared secret K in the wire form the exchange
     * hash and the key derivation take it in (an {@code mpint}, or a {@code string} for the hybrid KEM).
     */
    record Agreed(byte[] peerPublic, byte[] sharedSecret) {
        /** Makes one whose K is an {@code mpint}. */
        static Agreed mpint(byte[] peerPublic, BigInteger k) {
            return new Agreed(peerPublic, new SshWireWriter().mpint(k).toByteArray());
        }
    }

    /** Returns this side's public value in wire form (with its length). */
    abstract byte[] publicValue();

    /**
     * Reads the peer's public value and agrees.
     *
     * @throws SshProtocolException with {@link DisconnectReason#KEY_EXCHANGE_FAILED} if the value is invalid
     */
    abstract Agreed agree(SshWire in) throws SshProtocolException;

    static SshProtocolException failed(String why) {
        return new SshProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, why);
    }

    static KeyAgreement x25519() {
        return new X25519();
    }

    static KeyAgreement ecdh(String curve, int fieldOctets) {
        return new Ecdh(curve, fieldOctets);
    }

    static KeyAgreement sntrup761X25519() {
        return new Sntrup761X25519();
    }

    static KeyAgreement dh(BigInteger p, BigInteger g, int exponentBits) {
        return new Dh(p, g, exponentBits);
    }

    /** X25519 (RFC 7748), as curve25519-sha256 uses it (RFC 8731). */
    private static final class X25519 extends KeyAgreement {
        private final KeyPair pair;

        X25519() {
            try {
                pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        byte[] publicValue() {
            return new SshWireWriter().string(rawPublic()).toByteArray();
        }

        @Override
        Agreed agree(SshWire in) throws SshProtocolException {
            byte[] peer = in.string();
            if (peer.length != 32) {
                throw failed("curve25519 public key of " + peer.length + " octets");
            }
            return Agreed.mpint(new SshWireWriter().string(peer).toByteArray(), new BigInteger(1, secret(peer)));
        }

        /** The little-endian public value, 32 octets. */
        byte[] rawPublic() {
            BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
            byte[] little = new byte[32];
            byte[] big = u.toByteArray();
            for (int i = 0; i < 32 && i < big.length; i++) {
                little[i] = big[big.length - 1 - i];
            }
            return little;
        }

        /** The X25519 output with the peer's 32-octet public value, refused if all zero. */
        byte[] secret(byte[] peer) throws SshProtocolException {
            byte[] big = new byte[32];
            for (int i = 0; i < 32; i++) {
                big[i] = peer[31 - i];
            }
            big[0] &= 0x7f;
            try {
                KeyFactory factory = KeyFactory.getInstance("X25519");
                java.security.PublicKey key = factory.generatePublic(
                        new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, big)));
                javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("X25519");
                agreement.init(pair.getPrivate());
                agreement.doPhase(key, true);
                byte[] secret = agreement.generateSecret();
                if (isZero(secret)) {
                    throw failed("curve25519 shared secret is zero");
                }
                return secret;
            } catch (GeneralSecurityException e) {
                throw failed("curve25519: " + e.getMessage());
            }
        }
    }

    /** ECDH on a NIST curve (RFC 5656). */
    private static final class Ecdh extends KeyAgreement {
        private final KeyPair pair;
        private final int fieldOctets;

        Ecdh(String curve, int fieldOctets) {
            this.fieldOctets = fieldOctets;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curve), RANDOM);
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        byte[] publicValue() {
            return new SshWireWriter().string(HostKey.encodePoint(((ECPublicKey) pair.getPublic()).getW(),
                    fieldOctets)).toByteArray();
        }

        @Override
        Agreed agree(SshWire in) throws SshProtocolException {
            byte[] q = in.string();
            if (q.length != 1 + 2 * fieldOctets || q[0] != 4) {
                throw failed("ECDH public key of " + q.length + " octets");
            }
            try {
                ECParameterSpec params = ((ECPublicKey) pair.getPublic()).getParams();
                ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + fieldOctets)),
                        new BigInteger(1, Arrays.copyOfRange(q, 1 + fieldOctets, q.length)));
                java.security.PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(point, params));
                javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("ECDH");
                agreement.init(pair.getPrivate());
                agreement.doPhase(key, true);
                return Agreed.mpint(new SshWireWriter().string(q).toByteArray(),
                        new BigInteger(1, agreement.generateSecret()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw failed("ECDH: " + e.getMessage());
            }
        }
    }

    /** Finite-field Diffie-Hellman (RFC 4253 section 8). */
    private static final class Dh extends KeyAgreement {
        private final BigInteger p;
        private final BigInteger x;
        private final BigInteger e;

        Dh(BigInteger p, BigInteger g, int exponentBits) {
            this.p = p;
            BigInteger secret;
            do {
                secret = new BigInteger(exponentBits, RANDOM);
            } while (secret.bitLength() < exponentBits - 8);
            this.x = secret;
            this.e = g.modPow(x, p);
        }

        @Override
        byte[] publicValue() {
            return new SshWireWriter().mpint(e).toByteArray();
        }

        @Override
        Agreed agree(SshWire in) throws SshProtocolException {
            BigInteger f = in.mpint();
            if (f.compareTo(BigInteger.ONE) <= 0 || f.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                throw failed("Diffie-Hellman public value out of range");
            }
            return Agreed.mpint(new SshWireWriter().mpint(f).toByteArray(), f.modPow(x, p));
        }
    }

    /**
     * {@code sntrup761x25519-sha512@openssh.com}: Streamlined NTRU Prime 761 ({@link Sntrup761}) and X25519
     * together (draft-josefsson-ntruprime-ssh). The client sends its KEM public key then its X25519 value; the
     * server answers with the KEM ciphertext then its X25519 value; K is the {@code string} of SHA-512 over the
     * KEM's shared key then the X25519 output. The side is told by the order of calls: a client asks for its
     * public value first, a server agrees first (encapsulating to the client's key) and only then gives it.
     */
    private static final class Sntrup761X25519 extends KeyAgreement {
        private final X25519 ecdh = new X25519();
        private Sntrup761.@Nullable KeyPair kem;
        private byte @Nullable [] ciphertext;

        @Override
        byte[] publicValue() {
            if (ciphertext != null) {
                return new SshWireWriter().string(concat(ciphertext, ecdh.rawPublic())).toByteArray();
            }
            if (kem == null) {
                kem = Sntrup761.generate(RANDOM);
            }
            return new SshWireWriter().string(concat(kem.publicKey(), ecdh.rawPublic())).toByteArray();
        }

        @Override
        Agreed agree(SshWire in) throws SshProtocolException {
            byte[] peer = in.string();
            byte[] kemKey;
            byte[] peerEcdh;
            if (kem != null) {
                if (peer.length != Sntrup761.CIPHERTEXT_BYTES + 32) {
                    throw failed("sntrup761x25519 reply of " + peer.length + " octets");
                }
                kemKey = Sntrup761.decapsulate(Arrays.copyOf(peer, Sntrup761.CIPHERTEXT_BYTES), kem.secretKey());
                peerEcdh = Arrays.copyOfRange(peer, Sntrup761.CIPHERTEXT_BYTES, peer.length);
            } else {
                if (peer.length != Sntrup761.PUBLIC_KEY_BYTES + 32) {
                    throw failed("sntrup761x25519 public value of " + peer.length + " octets");
                }
                Sntrup761.Encapsulated e = Sntrup761.encapsulate(Arrays.copyOf(peer, Sntrup761.PUBLIC_KEY_BYTES),
                        RANDOM);
                ciphertext = e.ciphertext();
                kemKey = e.sharedKey();
                peerEcdh = Arrays.copyOfRange(peer, Sntrup761.PUBLIC_KEY_BYTES, peer.length);
            }
            byte[] ecdhSecret = ecdh.secret(peerEcdh);
            try {
                java.security.MessageDigest sha512 = java.security.MessageDigest.getInstance("SHA-512");
                sha512.update(kemKey);
                sha512.update(ecdhSecret);
                return new Agreed(new SshWireWriter().string(peer).toByteArray(),
                        new SshWireWriter().string(sha512.digest()).toByteArray());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
