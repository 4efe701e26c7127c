package org.twisted4j.conch.keys;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SSHSignatureVerifier;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/**
 * An OpenSSH certificate ({@code *-cert-v01@openssh.com}, OpenSSH's {@code PROTOCOL.certkeys}): a public key
 * signed by a certificate authority together with a serial, a user or host type, a key id, the principals it is
 * valid for, a validity window, critical options and extensions.
 *
 * <pre>{@code
 * Certificate cert = Certificate.fromPublicLine(Files.readString(Path.of("id_ed25519-cert.pub")));
 * boolean good = cert.signatureValid() && cert.validAt(clock.seconds()) && cert.principals().contains("alice");
 * Certificate made = Certificate.builder(userKey).principals(List.of("alice")).sign(caKey, "ssh-ed25519");
 * }</pre>
 *
 * <p>Ed25519, ECDSA (P-256, P-384, P-521) and RSA certificates are read and written; the CA may be any key type
 * {@link Key} knows (a certificate as CA is refused, as OpenSSH does). Parsing never trusts a length it reads:
 * the whole blob is at most {@link #MAX_BLOB} octets, at most {@link #MAX_PRINCIPALS} principals and
 * {@link #MAX_OPTIONS} options of each kind are kept, and options must be in strictly increasing order of name
 * (so each appears once). Parsing does not check the CA's signature: call {@link #signatureValid()}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class Certificate {
    /** The largest certificate blob read: 16 KiB (an RSA key of {@link Key#MAX_RSA_BITS} and a large CA fit). */
    public static final int MAX_BLOB = 16 * 1024;
    /** The most principals a certificate may name: 256, as OpenSSH. */
    public static final int MAX_PRINCIPALS = 256;
    /** The most critical options, and separately the most extensions, a certificate may carry: 64. */
    public static final int MAX_OPTIONS = 64;
    /** A validity bound meaning "forever" ({@code 0xffffffffffffffff} on the wire). */
    public static final long FOREVER = -1L;
    /** The extensions {@code ssh-keygen -s} grants by default to user certificates. */
    public static final List<String> DEFAULT_USER_EXTENSIONS = List.of("permit-X11-forwarding",
            "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc");

    private static final String SUFFIX = "-cert-v01@openssh.com";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether a certificate is for a user or a host. */
    public enum Type {
        /** A user certificate (wire value 1). */
        USER,
        /** A host certificate (wire value 2). */
        HOST;

        int wire() {
            return ordinal() + 1;
        }
    }

    private final byte[] blob;
    private final int signedLength;
    private final byte[] nonce;
    private final Key key;
    private final long serial;
    private final Type type;
    private final String keyId;
    private final List<String> principals;
    private final long validAfter;
    private final long validBefore;
    private final Map<String, byte[]> criticalOptions;
    private final Map<String, byte[]> extensions;
    private final Key signatureKey;
    private final byte[] signature;

    private Certificate(byte[] blob, int signedLength, byte[] nonce, Key key, long serial, Type type, String keyId,
            List<String> principals, long validAfter, long validBefore, Map<String, byte[]> criticalOptions,
            Map<String, byte[]> extensions, Key signatureKey, byte[] signature) {
        this.blob = blob;
        this.signedLength = signedLength;
        this.nonce = nonce;
        this.key = key;
        this.serial = serial;
        this.type = type;
        this.keyId = keyId;
        this.principals = principals;
        this.validAfter = validAfter;
        this.validBefore = validBefore;
        this.criticalOptions = criticalOptions;
        this.extensions = extensions;
        this.signatureKey = signatureKey;
        this.signature = signature;
    }

    /** The certificate type name for keys of this type, such as {@code ssh-ed25519-cert-v01@openssh.com}. */
    public static String certificateName(KeyType keyType) {
        return keyType.sshName() + SUFFIX;
    }

    /** Whether this is a certificate key type name (of any key). */
    public static boolean isCertificateName(String name) {
        return name.endsWith(SUFFIX);
    }

    /**
     * The plain signature algorithm behind a certificate's userauth or host key algorithm name:
     * {@code ssh-ed25519-cert-v01@openssh.com} gives {@code ssh-ed25519}, {@code rsa-sha2-512-cert-v01@openssh.com}
     * gives {@code rsa-sha2-512}; empty for a name that is not a certificate algorithm.
     */
    public static Optional<String> signatureAlgorithm(String certificateAlgorithm) {
        if (!isCertificateName(certificateAlgorithm)) {
            return Optional.empty();
        }
        String plain = certificateAlgorithm.substring(0, certificateAlgorithm.length() - SUFFIX.length());
        return switch (plain) {
            case "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256",
                    "rsa-sha2-512" -> Optional.of(plain);
            default -> Optional.empty();
        };
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a certificate line, {@code type base64 [comment]}, as in {@code id_ed25519-cert.pub}.
     *
     * @throws BadKeyException if the line is malformed, or names a type that is not its blob's
     */
    public static Certificate fromPublicLine(String line) throws BadKeyException {
        if (line.length() > MAX_BLOB * 2) {
            throw new BadKeyException("certificate line longer than " + MAX_BLOB * 2 + " characters");
        }
        String[] fields = line.strip().split("[ \t]+", 3);
        if (fields.length < 2) {
            throw new BadKeyException("a certificate line is: type base64 [comment]");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("certificate is not base 64", e);
        }
        Certificate cert = fromBlob(decoded);
        if (!cert.typeName().equals(fields[0])) {
            throw new BadKeyException("line names " + Key.printable(fields[0]) + " but holds " + cert.typeName());
        }
        return cert;
    }

    /**
     * Reads a certificate blob.
     *
     * @throws BadKeyException if it is malformed, too large, of an unknown key type, has trailing octets, or breaks
     *         a limit
     */
    public static Certificate fromBlob(byte[] blob) throws BadKeyException {
        if (blob.length > MAX_BLOB) {
            throw new BadKeyException("certificate larger than " + MAX_BLOB + " octets");
        }
        try {
            SshWire in = new SshWire(blob);
            String name = in.name();
            if (!isCertificateName(name)) {
                throw new BadKeyException("not a certificate type: " + Key.printable(name));
            }
            String plainName = name.substring(0, name.length() - SUFFIX.length());
            KeyType keyType = KeyType.fromSshName(plainName)
                    .orElseThrow(() -> new BadKeyException("unknown certificate type " + Key.printable(name)));
            byte[] nonce = in.string();
            SshWireWriter plain = new SshWireWriter().name(plainName);
            switch (keyType) {
                case ED25519 -> plain.string(in.string());
                case RSA -> {
                    BigInteger e = in.mpint();
                    plain.mpint(e).mpint(in.mpint());
                }
                default -> plain.name(in.name()).string(in.string());
            }
            Key key = Key.fromPublicBlob(plain.toByteArray());
            long serial = in.uint64();
            long typeValue = in.uint32();
            Type type = switch ((int) typeValue) {
                case 1 -> Type.USER;
                case 2 -> Type.HOST;
                default -> throw new BadKeyException("unknown certificate type " + typeValue);
            };
            String keyId = in.utf8();
            List<String> principals = principals(in.string());
            long validAfter = in.uint64();
            long validBefore = in.uint64();
            Map<String, byte[]> critical = options(in.string(), "critical option");
            Map<String, byte[]> extensions = options(in.string(), "extension");
            in.string(); // reserved
            byte[] caBlob = in.string();
            int signedLength = blob.length - in.remaining();
            byte[] signature = in.string();
            if (!in.atEnd()) {
                throw new BadKeyException("certificate has trailing octets");
            }
            Key signatureKey = Key.fromPublicBlob(caBlob);
            return new Certificate(blob.clone(), signedLength, nonce, key, serial, type, keyId, principals,
                    validAfter, validBefore, critical, extensions, signatureKey, signature);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("certificate is malformed: " + e.getMessage(), e);
        }
    }

    private static List<String> principals(byte[] packed) throws BadKeyException {
        SshWire in = new SshWire(packed);
        List<String> names = new ArrayList<>();
        while (!in.atEnd()) {
            if (names.size() == MAX_PRINCIPALS) {
                throw new BadKeyException("more than " + MAX_PRINCIPALS + " principals");
            }
            names.add(in.utf8());
        }
        return List.copyOf(names);
    }

    private static Map<String, byte[]> options(byte[] packed, String what) throws BadKeyException {
        SshWire in = new SshWire(packed);
        Map<String, byte[]> options = new LinkedHashMap<>();
        String last = null;
        while (!in.atEnd()) {
            if (options.size() == MAX_OPTIONS) {
                throw new BadKeyException("more than " + MAX_OPTIONS + " " + what + "s");
            }
            String name = in.name();
            byte[] data = in.string();
            if (last != null && name.compareTo(last) <= 0) {
                throw new BadKeyException(what + "s out of order or repeated at " + Key.printable(name));
            }
            options.put(name, data);
            last = name;
        }
        return Collections.unmodifiableMap(options);
    }

    // ---------------------------------------------------------------- fields

    /** The certificate's type name, such as {@code ssh-ed25519-cert-v01@openssh.com}. */
    public String typeName() {
        return certificateName(key.type());
    }

    /** The certificate blob in SSH wire form. */
    public byte[] blob() {
        return blob.clone();
    }

    /** The line {@code type base64}, as {@code ssh-keygen -s} writes it (without its comment). */
    public String publicLine() {
        return typeName() + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** The CA's random nonce. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The certified public key. */
    public Key key() {
        return key;
    }

    /** The serial number (unsigned on the wire; compare with {@link Long#compareUnsigned}). */
    public long serial() {
        return serial;
    }

    /** Whether this is a user or a host certificate. */
    public Type type() {
        return type;
    }

    /** The key id, free text chosen by the CA and logged by servers. */
    public String keyId() {
        return keyId;
    }

    /** The principals (user or host names) the certificate is valid for; empty means any, which servers refuse. */
    public List<String> principals() {
        return principals;
    }

    /** The start of validity in seconds since the epoch (unsigned). */
    public long validAfter() {
        return validAfter;
    }

    /** The end of validity in seconds since the epoch (unsigned; {@link #FOREVER} for none). */
    public long validBefore() {
        return validBefore;
    }

    /** Whether the time, in seconds since the epoch, is within {@code [validAfter, validBefore)}. */
    public boolean validAt(long epochSeconds) {
        return Long.compareUnsigned(epochSeconds, validAfter) >= 0
                && Long.compareUnsigned(epochSeconds, validBefore) < 0;
    }

    /** The critical options' names in order. */
    public List<String> criticalOptionNames() {
        return List.copyOf(criticalOptions.keySet());
    }

    /** The extensions' names in order. */
    public List<String> extensionNames() {
        return List.copyOf(extensions.keySet());
    }

    /** The data of an extension (empty for a flag such as {@code permit-pty}); empty if absent. */
    public Optional<byte[]> extensionData(String name) {
        byte[] data = extensions.get(name);
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    /** The raw data of a critical option (empty for a flag such as {@code verify-required}); empty if absent. */
    public Optional<byte[]> criticalOptionData(String name) {
        byte[] data = criticalOptions.get(name);
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    /**
     * The value of a critical option whose data is a string (as {@code force-command} and
     * {@code source-address} are); empty if absent.
     *
     * @throws BadKeyException if the option is present but its data is not one string
     */
    public Optional<String> criticalOption(String name) throws BadKeyException {
        byte[] data = criticalOptions.get(name);
        if (data == null) {
            return Optional.empty();
        }
        try {
            SshWire in = new SshWire(data);
            String value = in.utf8();
            if (!in.atEnd()) {
                throw new BadKeyException("critical option " + Key.printable(name) + " has trailing octets");
            }
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("critical option " + Key.printable(name) + " is malformed", e);
        }
    }

    /** The CA's public key. */
    public Key signatureKey() {
        return signatureKey;
    }

    /** The CA's signature blob ({@code string algorithm, string signature}). */
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature algorithm the CA used, such as {@code rsa-sha2-512}; empty if the signature is malformed. */
    public String signatureAlgorithmName() {
        try {
            return new SshWire(signature).name();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Whether the CA's signature over the certificate is valid (with the JDK's cryptography through
     * {@link SSHSignatureVerifier}); SHA-1 {@code ssh-rsa} CA signatures are refused, as OpenSSH 8.2 and later do.
     */
    public boolean signatureValid() {
        String algorithm = signatureAlgorithmName();
        if (algorithm.equals("ssh-rsa")) {
            return false;
        }
        return new SSHSignatureVerifier().verify(algorithm, signatureKey.publicBlob(),
                Arrays.copyOf(blob, signedLength), signature);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Certificate c && Arrays.equals(blob, c.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return typeName() + " " + type + " certificate, id " + keyId + ", serial " + Long.toUnsignedString(serial);
    }

    // ---------------------------------------------------------------- writing

    /** Starts a user certificate for this key: valid forever, no principals, no options or extensions. */
    public static Builder builder(Key key) {
        return new Builder(key);
    }

    /**
     * Makes and signs certificates, as {@code ssh-keygen -s} does.
     *
     * <h2>Threading</h2>
     * One thread at a time.
     */
    public static final class Builder {
        private final Key key;
        private long serial;
        private Type type = Type.USER;
        private String keyId = "";
        private List<String> principals = List.of();
        private long validAfter;
        private long validBefore = FOREVER;
        private final Map<String, byte[]> criticalOptions = new TreeMap<>();
        private final Map<String, byte[]> extensions = new TreeMap<>();

        private Builder(Key key) {
            this.key = Objects.requireNonNull(key, "key").toPublic();
        }

        /** Sets the serial number. */
        public Builder serial(long value) {
            serial = value;
            return this;
        }

        /** Sets user or host. */
        public Builder type(Type value) {
            type = Objects.requireNonNull(value, "type");
            return this;
        }

        /** Sets the key id. */
        public Builder keyId(String value) {
            keyId = Objects.requireNonNull(value, "keyId");
            return this;
        }

        /** Sets the principals. */
        public Builder principals(List<String> names) {
            principals = List.copyOf(names);
            return this;
        }

        /** Sets the validity window in seconds since the epoch ({@link #FOREVER} for no end). */
        public Builder validity(long after, long before) {
            validAfter = after;
            validBefore = before;
            return this;
        }

        /** Adds a critical option with a string value ({@code force-command}, {@code source-address}). */
        public Builder criticalOption(String name, String value) {
            criticalOptions.put(name, new SshWireWriter().utf8(value).toByteArray());
            return this;
        }

        /** Adds a critical option that is a flag (empty data), such as {@code verify-required}. */
        public Builder criticalFlag(String name) {
            criticalOptions.put(name, new byte[0]);
            return this;
        }

        /** Adds an extension flag (empty data), such as {@code permit-pty}. */
        public Builder extension(String name) {
            extensions.put(name, new byte[0]);
            return this;
        }

        /**
         * Signs the certificate.
         *
         * @param ca the CA's key, with its private half
         * @param algorithm the signature algorithm (see {@link Key#sign})
         * @throws IllegalStateException if the CA key has no private half
         * @throws IllegalArgumentException if the CA does not sign with that algorithm, or a limit is broken
         */
        public Certificate sign(Key ca, String algorithm) {
            if (principals.size() > MAX_PRINCIPALS || criticalOptions.size() > MAX_OPTIONS
                    || extensions.size() > MAX_OPTIONS) {
                throw new IllegalArgumentException("too many principals or options");
            }
            byte[] nonce = new byte[32];
            RANDOM.nextBytes(nonce);
            SshWire keyFields = new SshWire(key.publicBlob());
            keyFields.name();
            SshWireWriter packedPrincipals = new SshWireWriter();
            principals.forEach(packedPrincipals::utf8);
            SshWireWriter out = new SshWireWriter().name(certificateName(key.type())).string(nonce)
                    .raw(keyFields.rest()).uint64(serial).uint32(type.wire()).utf8(keyId)
                    .string(packedPrincipals.toByteArray()).uint64(validAfter).uint64(validBefore)
                    .string(pack(criticalOptions)).string(pack(extensions)).string(new byte[0])
                    .string(ca.publicBlob());
            byte[] signed = out.toByteArray();
            byte[] whole = out.string(ca.sign(algorithm, signed)).toByteArray();
            try {
                return fromBlob(whole);
            } catch (BadKeyException e) {
                throw new IllegalArgumentException("certificate breaks a limit: " + e.getMessage(), e);
            }
        }

        private static byte[] pack(Map<String, byte[]> options) {
            SshWireWriter out = new SshWireWriter();
            options.forEach((name, data) -> out.name(name).string(data));
            return out.toByteArray();
        }
    }
}
