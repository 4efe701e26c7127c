package org.twisted4j.conch.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.cred.crypt.BCryptPbkdf;

/**
 * OpenSSH's private key format, {@code openssh-key-v1} (OpenSSH's {@code PROTOCOL.key}): a magic string, the
 * cipher and KDF with its options, the public key, and a private section with two equal check integers, the
 * key, its comment and padding, encrypted when there is a passphrase.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class OpenSshKeyFile {
    static final String AES256_CTR = "aes256-ctr";
    static final String AES256_GCM = "aes256-gcm@openssh.com";
    static final int DEFAULT_ROUNDS = 16;
    /** The most bcrypt-pbkdf rounds a file may ask for before it is refused (ssh-keygen's default is 16). */
    static final int MAX_ROUNDS = 1 << 16;

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshKeyFile() {
    }

    static Key read(byte[] data, @Nullable String passphrase) throws BadKeyException {
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BadKeyException("not an openssh-key-v1 file");
        }
        try {
            SshWire file = new SshWire(Arrays.copyOfRange(data, MAGIC.length, data.length));
            String cipher = file.name();
            String kdf = file.name();
            byte[] kdfOptions = file.string();
            if (file.uint32() != 1) {
                throw new BadKeyException("openssh-key-v1 files with other than one key are not supported");
            }
            Key publicKey = Key.fromPublicBlob(file.string());
            byte[] section = file.string();
            byte[] tag = cipher.equals(AES256_GCM) ? file.rest() : new byte[0];
            if (!file.atEnd() || tag.length != (cipher.equals(AES256_GCM) ? 16 : 0)) {
                throw new BadKeyException("openssh-key-v1 file has trailing octets or lacks its tag");
            }
            int block = 8;
            if (!cipher.equals("none")) {
                if (!cipher.equals(AES256_CTR) && !cipher.equals(AES256_GCM)) {
                    throw new BadKeyException("unsupported key cipher " + Key.printable(cipher));
                }
                if (!kdf.equals("bcrypt")) {
                    throw new BadKeyException("unsupported key KDF " + Key.printable(kdf));
                }
                if (passphrase == null || passphrase.isEmpty()) {
                    throw new EncryptedKeyException("the key is encrypted: a passphrase is needed");
                }
                block = 16;
                section = decrypt(cipher, kdfOptions, passphrase, section, tag);
            } else if (!kdf.equals("none")) {
                throw new BadKeyException("an unencrypted key with a KDF");
            }
            if (section.length % block != 0) {
                throw new BadKeyException("private section is not a whole number of blocks");
            }
            SshWire keys = new SshWire(section);
            if (keys.uint32() != keys.uint32()) {
                throw cipher.equals("none") ? new BadKeyException("check integers differ")
                        : new EncryptedKeyException("wrong passphrase (check integers differ)");
            }
            Key key = readPrivate(keys, publicKey);
            String comment = keys.utf8();
            for (int pad = 1; !keys.atEnd(); pad++) {
                if (keys.byteValue() != (pad & 0xff)) {
                    throw new BadKeyException("private section padding is wrong");
                }
            }
            return key.withComment(comment);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("openssh-key-v1 file is malformed: " + e.getMessage(), e);
        }
    }

    private static Key readPrivate(SshWire keys, Key publicKey) throws BadKeyException {
        Key key = readPrivateFields(keys);
        if (key.type() != publicKey.type()) {
            throw new BadKeyException("private key type " + key.type().sshName() + " is not the public key's");
        }
        if (!Arrays.equals(key.publicBlob(), publicKey.publicBlob())) {
            throw new BadKeyException("the private key is not the file's public key");
        }
        return key;
    }

    /** Reads a key type's name and its private fields, as openssh-key-v1's private section and the agent hold them. */
    static Key readPrivateFields(SshWire keys) throws BadKeyException {
        String name = keys.name();
        KeyType type = KeyType.fromSshName(name)
                .orElseThrow(() -> new BadKeyException("unknown private key type " + Key.printable(name)));
        PublicKey pub;
        PrivateKey priv;
        switch (type) {
            case ED25519 -> {
                byte[] point = keys.string();
                byte[] both = keys.string();
                if (both.length != 64 || !Arrays.equals(both, 32, 64, point, 0, point.length)) {
                    throw new BadKeyException("Ed25519 private key is not its seed and public key");
                }
                pub = JdkKeys.ed25519Public(point);
                priv = JdkKeys.ed25519Private(Arrays.copyOf(both, 32));
            }
            case RSA -> {
                BigInteger n = keys.mpint();
                BigInteger e = keys.mpint();
                BigInteger d = keys.mpint();
                BigInteger iqmp = keys.mpint();
                BigInteger p = keys.mpint();
                BigInteger q = keys.mpint();
                pub = JdkKeys.rsaPublic(n, e);
                priv = JdkKeys.rsaPrivate(n, e, d, iqmp, p, q);
            }
            default -> {
                if (!keys.name().equals(type.curveId())) {
                    throw new BadKeyException("ECDSA private key's curve is not its type's");
                }
                pub = JdkKeys.ecPublic(type, keys.string());
                priv = JdkKeys.ecPrivate(type, keys.mpint());
            }
        }
        return Key.consistent(Key.of(type, pub, priv, ""));
    }

    /** Writes a key type's name and its private fields, the inverse of {@link #readPrivateFields}. */
    static SshWireWriter writePrivateFields(Key key, SshWireWriter section) {
        PrivateKey priv = key.privateKey().orElseThrow(() -> new IllegalStateException("a public key only"));
        section.name(key.type().sshName());
        switch (key.type()) {
            case ED25519 -> {
                byte[] point = Arrays.copyOfRange(key.publicBlob(), 4 + 11 + 4, 4 + 11 + 4 + 32);
                byte[] seed = ((EdECPrivateKey) priv).getBytes().orElseThrow();
                section.string(point).string(Key.concat(seed, point));
            }
            case RSA -> {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) priv;
                section.mpint(rsa.getModulus()).mpint(rsa.getPublicExponent()).mpint(rsa.getPrivateExponent())
                        .mpint(rsa.getCrtCoefficient()).mpint(rsa.getPrimeP()).mpint(rsa.getPrimeQ());
            }
            default -> section.name(key.type().curveId()).string(key.ecPoint())
                    .mpint(((ECPrivateKey) priv).getS());
        }
        return section;
    }

    private static byte[] decrypt(String cipherName, byte[] kdfOptions, String passphrase, byte[] section,
            byte[] tag) throws BadKeyException {
        SshWire options = new SshWire(kdfOptions);
        byte[] salt = options.string();
        long rounds = options.uint32();
        if (!options.atEnd() || rounds < 1 || rounds > MAX_ROUNDS || salt.length == 0 || salt.length > 1024) {
            throw new BadKeyException("bcrypt KDF options out of range");
        }
        boolean gcm = cipherName.equals(AES256_GCM);
        if (section.length % 16 != 0) {
            throw new BadKeyException("encrypted section is not a whole number of blocks");
        }
        byte[] keyIv = BCryptPbkdf.derive(passphrase.getBytes(StandardCharsets.UTF_8), salt, (int) rounds,
                32 + (gcm ? 12 : 16));
        try {
            Cipher cipher = cipher(gcm, Cipher.DECRYPT_MODE, keyIv);
            return gcm ? cipher.doFinal(Key.concat(section, tag)) : cipher.doFinal(section);
        } catch (AEADBadTagException e) {
            throw new EncryptedKeyException("wrong passphrase (the GCM tag does not match)");
        } catch (GeneralSecurityException e) {
            throw new BadKeyException("cannot decrypt the key", e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
        }
    }

    private static Cipher cipher(boolean gcm, int mode, byte[] keyIv) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(keyIv, 0, 32, "AES");
        Cipher cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
        if (gcm) {
            cipher.init(mode, key, new GCMParameterSpec(128, keyIv, 32, 12));
        } else {
            cipher.init(mode, key, new IvParameterSpec(keyIv, 32, 16));
        }
        return cipher;
    }

    static byte[] write(Key key, String comment, @Nullable String passphrase, String cipherName, int rounds,
            SecureRandom random) {
        key.privateKey().orElseThrow(() -> new IllegalStateException("a public key only"));
        boolean encrypted = passphrase != null && !passphrase.isEmpty();
        if (encrypted && !cipherName.equals(AES256_CTR) && !cipherName.equals(AES256_GCM)) {
            throw new IllegalArgumentException("unsupported key cipher " + cipherName);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        int check = random.nextInt();
        SshWireWriter section = writePrivateFields(key, new SshWireWriter().uint32(check).uint32(check));
        section.utf8(comment);
        int block = encrypted ? 16 : 8;
        for (int pad = 1; section.size() % block != 0; pad++) {
            section.byteValue(pad);
        }
        byte[] plain = section.toByteArray();
        SshWireWriter file = new SshWireWriter().raw(MAGIC);
        if (!encrypted) {
            file.name("none").name("none").string(new byte[0]).uint32(1).string(key.publicBlob()).string(plain);
            return file.toByteArray();
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        boolean gcm = cipherName.equals(AES256_GCM);
        byte[] keyIv = BCryptPbkdf.derive(passphrase.getBytes(StandardCharsets.UTF_8), salt, rounds,
                32 + (gcm ? 12 : 16));
        byte[] sealed;
        try {
            sealed = cipher(gcm, Cipher.ENCRYPT_MODE, keyIv).doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot encrypt with " + cipherName, e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        file.name(cipherName).name("bcrypt").string(new SshWireWriter().string(salt).uint32(rounds)
                .toByteArray()).uint32(1).string(key.publicBlob());
        if (gcm) {
            file.string(Arrays.copyOf(sealed, sealed.length - 16)).raw(Arrays.copyOfRange(sealed, sealed.length - 16,
                    sealed.length));
        } else {
            file.string(sealed);
        }
        return file.toByteArray();
    }
}
