package org.twisted4j.conch.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SSHSignatureVerifier;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * An SSH public key, with its private half when it was read from or generated with one (Twisted's
 * {@code twisted.conch.ssh.keys.Key}).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * Key user = Key.fromPublicLine("ssh-ed25519 AAAAC3Nza... alice@example");
 * Key host = Key.fromFile(Path.of("ssh_host_ed25519_key"), null);
 * byte[] signature = host.sign("ssh-ed25519", exchangeHash);        // an SSH signature blob
 * boolean good = user.verify("ssh-ed25519", data, signatureBlob);
 * Files.writeString(path, Key.generate(KeyType.ED25519).toOpenSshPrivate("comment", "passphrase"));
 * }</pre>
 *
 * <p>Readers: {@link #fromPublicBlob}, {@link #fromPublicLine}, {@link #fromPrivate} (openssh-key-v1, PKCS#1,
 * SEC1, PKCS#8, each in PEM armour) and {@link #fromFile}. Writers: {@link #publicLine}, {@link #toOpenSshPrivate}
 * (unencrypted, or aes256-ctr with bcrypt-pbkdf as {@code ssh-keygen} does), {@link #toPkcs8Pem},
 * {@link #toTraditionalPem}. Bad input of any kind is a {@link BadKeyException}; an encrypted key without the
 * right passphrase is its subclass {@link EncryptedKeyException}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable). Decrypting a key runs bcrypt-pbkdf, which is slow on purpose: keep it off the reactor
 * thread.
 */
public final class Key {

    /** The most octets of a key file or line the readers look at; OpenSSH's largest RSA keys are under 16 KiB. */
    public static final int MAX_KEY_TEXT = 64 * 1024;
    /** The largest RSA modulus read, in bits (OpenSSH's own limit). */
    public static final int MAX_RSA_BITS = 16384;
    /** The smallest RSA modulus read, in bits (OpenSSH refuses below 1024). */
    public static final int MIN_RSA_BITS = 1024;
    /** The RSA modulus size {@link #generate(KeyType)} makes, as ssh-keygen's default. */
    public static final int DEFAULT_RSA_BITS = 3072;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyType type;
    private final PublicKey publicKey;
    private final @Nullable PrivateKey privateKey;
    private final byte[] blob;
    private final String comment;

    private Key(KeyType type, PublicKey publicKey, @Nullable PrivateKey privateKey, String comment) {
        this.type = type;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.blob = encodeBlob(type, publicKey);
        this.comment = comment;
    }

    /** A key of this type, with its private half, public from private. */
    static Key of(KeyType type, PublicKey publicKey, @Nullable PrivateKey privateKey, String comment) {
        return new Key(type, publicKey, privateKey, comment);
    }

    // ---------------------------------------------------------------- making keys

    /** Generates a new key pair of this type (RSA: {@value #DEFAULT_RSA_BITS} bits). */
    public static Key generate(KeyType type) {
        return generate(type, DEFAULT_RSA_BITS);
    }

    /**
     * Generates a new key pair.
     *
     * @param rsaBits the modulus size for RSA (ignored for other types)
     * @throws IllegalArgumentException if {@code rsaBits} is outside {@value #MIN_RSA_BITS}..{@value #MAX_RSA_BITS}
     */
    public static Key generate(KeyType type, int rsaBits) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case ED25519 -> {
                    generator = KeyPairGenerator.getInstance("Ed25519");
                }
                case RSA -> {
                    if (rsaBits < MIN_RSA_BITS || rsaBits > MAX_RSA_BITS) {
                        throw new IllegalArgumentException("RSA size " + rsaBits + " is out of range");
                    }
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), RANDOM);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(type.jdkCurve()), RANDOM);
                }
            }
            KeyPair pair = generator.generateKeyPair();
            return new Key(type, pair.getPublic(), pair.getPrivate(), "");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a " + type.sshName() + " key", e);
        }
    }

    /**
     * A key from a JDK key pair (Ed25519, EC on P-256/384/521, or RSA).
     *
     * @throws BadKeyException if the pair is of another algorithm or curve
     */
    public static Key fromKeyPair(KeyPair pair) throws BadKeyException {
        return new Key(typeOf(pair.getPublic()), pair.getPublic(), pair.getPrivate(), "");
    }

    /**
     * Reads an SSH public key blob (RFC 4253 section 6.6).
     *
     * @throws BadKeyException if the blob is malformed, has trailing octets, or is of an unknown type
     */
    public static Key fromPublicBlob(byte[] blob) throws BadKeyException {
        try {
            SshWire wire = new SshWire(blob);
            String name = wire.name();
            KeyType type = KeyType.fromSshName(name)
                    .orElseThrow(() -> new BadKeyException("unknown key type " + printable(name)));
            PublicKey publicKey = switch (type) {
                case ED25519 -> JdkKeys.ed25519Public(wire.string());
                case RSA -> {
                    BigInteger e = wire.mpint();
                    BigInteger n = wire.mpint();
                    yield JdkKeys.rsaPublic(n, e);
                }
                default -> {
                    if (!wire.name().equals(type.curveId())) {
                        throw new BadKeyException("ECDSA key's curve does not match its type");
                    }
                    yield JdkKeys.ecPublic(type, wire.string());
                }
            };
            if (!wire.atEnd()) {
                throw new BadKeyException("key blob has trailing octets");
            }
            return new Key(type, publicKey, null, "");
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("key blob is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an OpenSSH public key line: {@code type base64 [comment]}, as in {@code id_ed25519.pub}.
     *
     * @throws BadKeyException if the line is malformed, the base 64 is bad, or the named type is not the blob's
     */
    public static Key fromPublicLine(String line) throws BadKeyException {
        if (line.length() > MAX_KEY_TEXT) {
            throw new BadKeyException("key line longer than " + MAX_KEY_TEXT + " characters");
        }
        String[] fields = line.strip().split("[ \t]+", 3);
        if (fields.length < 2) {
            throw new BadKeyException("a public key line is: type base64 [comment]");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("public key is not base 64", e);
        }
        Key key = fromPublicBlob(blob);
        if (!key.type.sshName().equals(fields[0])) {
            throw new BadKeyException("line names " + printable(fields[0]) + " but holds " + key.type.sshName());
        }
        return key.withComment(fields.length > 2 ? fields[2].strip() : "");
    }

    /**
     * Reads a private key file's contents: OpenSSH's {@code openssh-key-v1}, PKCS#8 ({@code PRIVATE KEY}),
     * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), each in PEM armour.
     *
     * @param passphrase the passphrase of an encrypted key, or null
     * @throws EncryptedKeyException if the key is encrypted and no passphrase, or the wrong one, is given
     * @throws BadKeyException if it is anything else that cannot be read
     */
    public static Key fromPrivate(byte[] data, @Nullable String passphrase) throws BadKeyException {
        if (data.length > MAX_KEY_TEXT) {
            throw new BadKeyException("key file larger than " + MAX_KEY_TEXT + " octets");
        }
        Pem.Block block = Pem.decode(Pem.text(data));
        if (block.encryptedHeaders()) {
            throw new EncryptedKeyException("OpenSSL's legacy PEM encryption is not supported; re-encrypt the key"
                    + " with ssh-keygen -p");
        }
        try {
            return switch (block.label()) {
                case "OPENSSH PRIVATE KEY" -> OpenSshKeyFile.read(block.body(), passphrase);
                case "PRIVATE KEY" -> PemKeys.fromPkcs8(block.body());
                case "RSA PRIVATE KEY" -> PemKeys.fromPkcs8(Der.element(Der.SEQUENCE, Der.element(Der.INTEGER, new byte[1]),
                        Der.element(Der.SEQUENCE, Der.element(Der.OID, Der.OID_RSA), Der.element(Der.NULL)),
                        Der.element(Der.OCTET_STRING, block.body())));
                case "EC PRIVATE KEY" -> PemKeys.fromSec1(block.body());
                case "ENCRYPTED PRIVATE KEY" -> throw new EncryptedKeyException(
                        "encrypted PKCS#8 keys are not supported; convert the key with ssh-keygen -p");
                default -> throw new BadKeyException("not a private key: PEM " + printable(block.label()));
            };
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("private key is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key file: a private key (see {@link #fromPrivate}) or a public key line.
     *
     * @throws IOException if the file cannot be read
     * @throws BadKeyException if its contents are not a key
     */
    public static Key fromFile(Path path, @Nullable String passphrase) throws IOException, BadKeyException {
        if (Files.size(path) > MAX_KEY_TEXT) {
            throw new BadKeyException(path + " is larger than " + MAX_KEY_TEXT + " octets");
        }
        byte[] data = Files.readAllBytes(path);
        String text = Pem.text(data);
        return Pem.looksLikePem(text) ? fromPrivate(data, passphrase) : fromPublicLine(text.lines().findFirst()
                .orElse(""));
    }

    // ---------------------------------------------------------------- what a key is

    /** The key's type. */
    public KeyType type() {
        return type;
    }

    /** The JDK public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The JDK private key, if this key has its private half. */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** Whether this key has no private half. */
    public boolean isPublic() {
        return privateKey == null;
    }

    /** This key without its private half. */
    public Key toPublic() {
        return privateKey == null ? this : new Key(type, publicKey, null, comment);
    }

    /** The comment read with the key (a public line's or openssh-key-v1's), or empty. */
    public String comment() {
        return comment;
    }

    /** This key with another comment. */
    public Key withComment(String newComment) {
        return new Key(type, publicKey, privateKey, Objects.requireNonNull(newComment, "newComment"));
    }

    /** The public key blob in SSH wire form. */
    public byte[] publicBlob() {
        return blob.clone();
    }

    /** The public key line, {@code type base64}, followed by this key's comment if it has one. */
    public String publicLine() {
        return publicLine(comment);
    }

    /** The public key line with this comment (none if empty), as {@code ssh-keygen -y} prints it. */
    public String publicLine(String lineComment) {
        String line = type.sshName() + " " + Base64.getEncoder().encodeToString(blob);
        return lineComment.isEmpty() ? line : line + " " + lineComment;
    }

    /** The SHA-256 fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and unpadded base 64. */
    public String fingerprintSha256() {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256"));
    }

    /** The MD5 fingerprint as {@code ssh-keygen -l -E md5} prints it: {@code MD5:} and hex pairs with colons. */
    public String fingerprintMd5() {
        return "MD5:" + HexFormat.ofDelimiter(":").formatHex(digest("MD5"));
    }

    private byte[] digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    // ---------------------------------------------------------------- signatures

    /**
     * Signs data, giving an SSH signature blob ({@code string algorithm, string signature}).
     *
     * @param algorithm {@code ssh-ed25519}, {@code ecdsa-sha2-nistp*} (the key's own), or for RSA
     *        {@code rsa-sha2-512}, {@code rsa-sha2-256} or {@code ssh-rsa}
     * @throws IllegalStateException if this key has no private half
     * @throws IllegalArgumentException if the algorithm is not one this key signs with
     */
    public byte[] sign(String algorithm, byte[] data) {
        if (privateKey == null) {
            throw new IllegalStateException("a public key cannot sign");
        }
        String jdk = switch (type) {
            case ED25519 -> algorithm.equals("ssh-ed25519") ? "Ed25519" : null;
            case ECDSA_P256 -> algorithm.equals(type.sshName()) ? "SHA256withECDSAinP1363Format" : null;
            case ECDSA_P384 -> algorithm.equals(type.sshName()) ? "SHA384withECDSAinP1363Format" : null;
            case ECDSA_P521 -> algorithm.equals(type.sshName()) ? "SHA512withECDSAinP1363Format" : null;
            case RSA -> switch (algorithm) {
                case "rsa-sha2-512" -> "SHA512withRSA";
                case "rsa-sha2-256" -> "SHA256withRSA";
                case "ssh-rsa" -> "SHA1withRSA";
                default -> null;
            };
        };
        if (jdk == null) {
            throw new IllegalArgumentException(type.sshName() + " keys do not sign with " + algorithm);
        }
        try {
            Signature signer = Signature.getInstance(jdk);
            signer.initSign(privateKey);
            signer.update(data);
            byte[] raw = signer.sign();
            if (type.isEcdsa()) {
                int half = raw.length / 2;
                raw = new SshWireWriter().mpint(new BigInteger(1, Arrays.copyOfRange(raw, 0, half)))
                        .mpint(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))).toByteArray();
            }
            return new SshWireWriter().name(algorithm).string(raw).toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
    }

    /** Whether {@code signature} is a valid SSH signature blob of {@code data} by this key with this algorithm. */
    public boolean verify(String algorithm, byte[] data, byte[] signature) {
        return new SSHSignatureVerifier().verify(algorithm, blob, data, signature);
    }

    // ---------------------------------------------------------------- writing private keys

    /**
     * Reads a private key as the agent protocol's {@code SSH_AGENTC_ADD_IDENTITY} and openssh-key-v1's private
     * section hold it: the key type's name, then its fields (draft-miller-ssh-agent section 4.2.3). What follows
     * (the comment) is left in {@code in}.
     *
     * @throws BadKeyException if the fields are malformed, of an unknown type, or not one consistent key
     */
    public static Key readPrivateFields(SshWire in) throws BadKeyException {
        try {
            return OpenSshKeyFile.readPrivateFields(in);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("private key fields are malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes this key's type name and private fields, as {@link #readPrivateFields} reads them.
     *
     * @return {@code out}
     * @throws IllegalStateException if this key has no private half
     */
    public SshWireWriter writePrivateFields(SshWireWriter out) {
        return OpenSshKeyFile.writePrivateFields(this, out);
    }


    /**
     * Writes the private key in OpenSSH's format, as {@code ssh-keygen} does: unencrypted, or with a passphrase
     * through bcrypt-pbkdf (16 rounds) and aes256-ctr.
     *
     * @param fileComment the comment stored in the file
     * @param passphrase the passphrase, or null (or empty) for none
     * @throws IllegalStateException if this key has no private half
     */
    public String toOpenSshPrivate(String fileComment, @Nullable String passphrase) {
        return toOpenSshPrivate(fileComment, passphrase, OpenSshKeyFile.AES256_CTR, OpenSshKeyFile.DEFAULT_ROUNDS);
    }

    /**
     * Writes the private key in OpenSSH's format with this cipher and bcrypt-pbkdf round count.
     *
     * @param cipher {@code aes256-ctr} or {@code aes256-gcm@openssh.com} (ignored without a passphrase)
     * @throws IllegalArgumentException if the cipher is neither, or rounds is below 1
     * @throws IllegalStateException if this key has no private half
     */
    public String toOpenSshPrivate(String fileComment, @Nullable String passphrase, String cipher, int rounds) {
        return Pem.encode("OPENSSH PRIVATE KEY",
                OpenSshKeyFile.write(this, fileComment, passphrase, cipher, rounds, RANDOM));
    }

    /**
     * Writes the private key as unencrypted PKCS#8 in PEM ({@code -----BEGIN PRIVATE KEY-----}), which OpenSSH and
     * OpenSSL read.
     *
     * @throws IllegalStateException if this key has no private half
     */
    public String toPkcs8Pem() {
        return Pem.encode("PRIVATE KEY", PemKeys.pkcs8(this));
    }

    /**
     * Writes the private key in OpenSSL's traditional PEM form: PKCS#1 ({@code RSA PRIVATE KEY}) for RSA, SEC1
     * ({@code EC PRIVATE KEY}) for ECDSA, as {@code ssh-keygen -m PEM} does.
     *
     * @throws IllegalStateException if this key has no private half, or is Ed25519 (which has no such form)
     */
    public String toTraditionalPem() {
        requirePrivate();
        try {
            return switch (type) {
                case RSA -> Pem.encode("RSA PRIVATE KEY", new Der(new Der(PemKeys.pkcs8(this)).next(Der.SEQUENCE).contents())
                        .skip(2).next(Der.OCTET_STRING).contents());
                case ED25519 -> throw new IllegalStateException("Ed25519 keys have no traditional PEM form");
                default -> Pem.encode("EC PRIVATE KEY", PemKeys.sec1(this));
            };
        } catch (BadKeyException e) {
            throw new IllegalStateException("the JDK's own encoding did not parse", e);
        }
    }

    private PrivateKey requirePrivate() {
        if (privateKey == null) {
            throw new IllegalStateException("this is a public key only");
        }
        return privateKey;
    }

    // ---------------------------------------------------------------- encodings

    private static byte[] encodeBlob(KeyType type, PublicKey publicKey) {
        SshWireWriter out = new SshWireWriter().name(type.sshName());
        switch (type) {
            case ED25519 -> {
                byte[] spki = publicKey.getEncoded();
                out.string(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
            }
            case RSA -> {
                RSAPublicKey rsa = (RSAPublicKey) publicKey;
                out.mpint(rsa.getPublicExponent()).mpint(rsa.getModulus());
            }
            default -> out.name(type.curveId()).string(ecPoint(type, (ECPublicKey) publicKey));
        }
        return out.toByteArray();
    }

    /** The uncompressed public point, {@code 04 || X || Y}. */
    byte[] ecPoint() {
        return ecPoint(type, (ECPublicKey) publicKey);
    }

    private static byte[] ecPoint(KeyType type, ECPublicKey key) {
        int n = type.fieldOctets();
        return concat(new byte[] {4}, fixed(key.getW().getAffineX(), n), fixed(key.getW().getAffineY(), n));
    }

    static KeyType typeOf(PublicKey key) throws BadKeyException {
        return switch (key) {
            case RSAPublicKey rsa -> KeyType.RSA;
            case ECPublicKey ec -> switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> KeyType.ECDSA_P256;
                case 384 -> KeyType.ECDSA_P384;
                case 521 -> KeyType.ECDSA_P521;
                default -> throw new BadKeyException("unsupported EC curve");
            };
            default -> {
                if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
                    yield KeyType.ED25519;
                }
                throw new BadKeyException("unsupported key algorithm " + key.getAlgorithm());
            }
        };
    }

    /**
     * Checks that a key read from a file is one key: the public half stored beside the private one is the private
     * one's (a signature made with one verifies with the other), so nothing signs as a key it is not.
     */
    static Key consistent(Key key) throws BadKeyException {
        if (key.privateKey == null) {
            return key;
        }
        if (key.type == KeyType.ED25519) {
            byte[] seed = ((EdECPrivateKey) key.privateKey).getBytes()
                    .orElseThrow(() -> new BadKeyException("Ed25519 key without its seed"));
            if (!Arrays.equals(encodeBlob(key.type, JdkKeys.ed25519PublicFromSeed(seed)), key.blob)) {
                throw new BadKeyException("the Ed25519 private key is not the public key's");
            }
            return key;
        }
        String algorithm = key.type == KeyType.RSA ? "rsa-sha2-256" : key.type.sshName();
        byte[] probe = "twisted4j key consistency".getBytes(StandardCharsets.US_ASCII);
        boolean good;
        try {
            good = key.verify(algorithm, probe, key.sign(algorithm, probe));
        } catch (IllegalStateException e) {
            good = false;
        }
        if (!good) {
            throw new BadKeyException("the private key is not the public key's");
        }
        return key;
    }

    /** The non-negative value as exactly {@code octets} big-endian octets (value must fit). */
    static byte[] fixed(BigInteger value, int octets) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[octets];
        int length = Math.min(bytes.length, octets);
        System.arraycopy(bytes, bytes.length - length, out, octets - length, length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
        return out.toString();
    }

    /** Keys are equal when their public blobs are and both or neither have the private half. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Key k && Arrays.equals(blob, k.blob) && (privateKey == null) == (k.privateKey == null);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return "Key[" + type.sshName() + " " + fingerprintSha256() + (privateKey == null ? "" : " private") + "]";
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
