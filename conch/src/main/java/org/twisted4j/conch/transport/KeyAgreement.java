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

    /** The peer's public value as it appeared on the wire, and the shared secret. */
    record Agreed(byte[] peerPublic, BigInteger k) {
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
            BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
            byte[] little = new byte[32];
            byte[] big = u.toByteArray();
            for (int i = 0; i < 32 && i < big.length; i++) {
                little[i] = big[big.length - 1 - i];
            }
            return new SshWireWriter().string(little).toByteArray();
        }

        @Override
        Agreed agree(SshWire in) throws SshProtocolException {
            byte[] peer = in.string();
            if (peer.length != 32) {
                throw failed("curve25519 public key of " + peer.length + " octets");
            }
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
                return new Agreed(new SshWireWriter().string(peer).toByteArray(), new BigInteger(1, secret));
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
                return new Agreed(new SshWireWriter().string(q).toByteArray(),
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
            return new Agreed(new SshWireWriter().mpint(f).toByteArray(), f.modPow(x, p));
        }
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
