package org.twisted4j.conch.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The PEM key structures: PKCS#8 ({@code PRIVATE KEY}) for every type, SEC1 ({@code EC PRIVATE KEY}), and
 * PKCS#1 ({@code RSA PRIVATE KEY}) by way of PKCS#8; read into {@link Key}s and written from them.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class PemKeys {

    private PemKeys() {
    }

    static Key fromPkcs8(byte[] der) throws BadKeyException {
        Der info = new Der(new Der(der).next(Der.SEQUENCE).contents());
        info.next(Der.INTEGER);
        Der algorithm = info.next(Der.SEQUENCE).children();
        byte[] oid = algorithm.next(Der.OID).contents();
        byte[] inner = info.next(Der.OCTET_STRING).contents();
        try {
            if (Arrays.equals(oid, Der.OID_RSA)) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
                // Rebuilt from n, e, d, p, q and the coefficient alone, as OpenSSH's format keeps it: CRT exponents
                // that do not follow from d would sign here and fail once written out.
                PrivateKey normal = JdkKeys.rsaPrivate(key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
                        key.getCrtCoefficient(), key.getPrimeP(), key.getPrimeQ());
                return Key.consistent(Key.of(KeyType.RSA, JdkKeys.rsaPublic(key.getModulus(), key.getPublicExponent()), normal,
                        ""));
            }
            if (Arrays.equals(oid, Der.OID_EC)) {
                return fromSec1(inner, algorithm.atEnd() ? null : algorithm.next(Der.OID).contents());
            }
            if (Arrays.equals(oid, Der.OID_ED25519)) {
                EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
                byte[] seed = key.getBytes().orElseThrow(() -> new BadKeyException("Ed25519 key without its seed"));
                return Key.of(KeyType.ED25519, JdkKeys.ed25519PublicFromSeed(seed), key, "");
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new BadKeyException("PKCS#8 key does not parse", e);
        }
        throw new BadKeyException("PKCS#8 key of an unsupported algorithm");
    }

    static Key fromSec1(byte[] der) throws BadKeyException {
        return fromSec1(der, null);
    }

    /** SEC1 ECPrivateKey: version 1, the scalar, [0] the curve (or given outside), [1] the public point. */
    static Key fromSec1(byte[] der, byte @Nullable [] curveOid) throws BadKeyException {
        Der key = new Der(new Der(der).next(Der.SEQUENCE).contents());
        key.next(Der.INTEGER);
        BigInteger d = new BigInteger(1, key.next(Der.OCTET_STRING).contents());
        byte[] oid = curveOid;
        byte[] point = null;
        while (!key.atEnd()) {
            Der.Element element = key.next();
            if (element.tag() == Der.CONTEXT_0) {
                oid = element.children().next(Der.OID).contents();
            } else if (element.tag() == Der.CONTEXT_1) {
                byte[] bits = element.children().next(Der.BIT_STRING).contents();
                if (bits.length < 1 || bits[0] != 0) {
                    throw new BadKeyException("EC public key bit string is malformed");
                }
                point = Arrays.copyOfRange(bits, 1, bits.length);
            }
        }
        if (oid == null) {
            throw new BadKeyException("EC private key does not name its curve");
        }
        KeyType type = Arrays.equals(oid, Der.OID_P256) ? KeyType.ECDSA_P256
                : Arrays.equals(oid, Der.OID_P384) ? KeyType.ECDSA_P384
                : Arrays.equals(oid, Der.OID_P521) ? KeyType.ECDSA_P521 : null;
        if (type == null) {
            throw new BadKeyException("EC private key on an unsupported curve");
        }
        if (point == null) {
            throw new BadKeyException("EC private key without its public point is not supported");
        }
        return Key.consistent(Key.of(type, JdkKeys.ecPublic(type, point), JdkKeys.ecPrivate(type, d), ""));
    }

    static byte[] curveOid(KeyType type) {
        return switch (type) {
            case ECDSA_P256 -> Der.OID_P256;
            case ECDSA_P384 -> Der.OID_P384;
            default -> Der.OID_P521;
        };
    }


    static byte[] pkcs8(Key owner) {
        PrivateKey key = owner.privateKey().orElseThrow(() -> new IllegalStateException("this is a public key only"));
        KeyType type = owner.type();
        if (type.isEcdsa()) {
            return Der.element(Der.SEQUENCE, Der.element(Der.INTEGER, new byte[1]),
                    Der.element(Der.SEQUENCE, Der.element(Der.OID, Der.OID_EC), Der.element(Der.OID, curveOid(type))),
                    Der.element(Der.OCTET_STRING, sec1(owner)));
        }
        return key.getEncoded();
    }

    /** SEC1's ECPrivateKey with the curve and the public point, as OpenSSL writes it. */
    static byte[] sec1(Key owner) {
        ECPrivateKey key = (ECPrivateKey) owner.privateKey().orElseThrow(() -> new IllegalStateException("this is a public key only"));
        KeyType type = owner.type();
        return Der.element(Der.SEQUENCE, Der.element(Der.INTEGER, new byte[] {1}),
                Der.element(Der.OCTET_STRING, Key.fixed(key.getS(), type.fieldOctets())),
                Der.element(Der.CONTEXT_0, Der.element(Der.OID, curveOid(type))),
                Der.element(Der.CONTEXT_1, Der.element(Der.BIT_STRING, Key.concat(new byte[1], owner.ecPoint()))));
    }

}
