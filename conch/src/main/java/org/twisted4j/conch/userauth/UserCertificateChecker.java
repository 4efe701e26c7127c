package org.twisted4j.conch.userauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.ValidPublicKey;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;

/**
 * Logs users in with OpenSSH user certificates signed by trusted certificate authorities (OpenSSH's
 * {@code TrustedUserCAKeys}), and hands plain keys to another checker (such as
 * {@link org.twisted4j.cred.SSHPublicKeyChecker} over {@code authorized_keys}).
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, new UserCertificateChecker(List.of(caKey), reactor,
 *         new SSHPublicKeyChecker(new UNIXAuthorizedKeysFiles())));
 * }</pre>
 *
 * <p>A certificate is accepted, as sshd accepts it, only when: it parses and is a user certificate whose type
 * matches the algorithm the client named ({@code rsa-sha2-256/512-cert-v01@openssh.com} for RSA); its CA is one
 * of the trusted keys and the CA's signature is valid (not SHA-1 {@code ssh-rsa}); its principals name the user
 * (a certificate without principals is refused); the time is within its validity window, from
 * {@code valid-after} included to {@code valid-before} excluded; every critical option is one OpenSSH knows:
 * {@code source-address} (the client's address must be in one of its comma-separated CIDR blocks; unknown
 * address: refused), {@code force-command} and {@code verify-required}, and flags carry no data. Then, as for
 * plain keys, a request without signature fails with {@link ValidPublicKey} and a signed one must be signed by the
 * certified key. {@link UserAuthServer} then restricts the login as the certificate's extensions and
 * {@code force-command} say ({@code permit-pty}, {@code permit-port-forwarding}, {@code permit-agent-forwarding}).
 *
 * <h2>Time</h2>
 * Validity is checked against the wall-clock time: the system time when the checker was made (or the instant
 * given) plus the reactor clock's progress since, so that tests drive it with a
 * {@link org.twisted4j.internet.task.Clock}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class UserCertificateChecker implements CredentialsChecker {
    /** The critical options known; a certificate with any other is refused, as OpenSSH does. */
    public static final List<String> KNOWN_CRITICAL_OPTIONS = CertificateUser.CRITICAL_OPTIONS;

    /** The most characters of trusted CA keys text read ({@link #readAuthorities}): 1 MiB. */
    public static final int MAX_AUTHORITIES_TEXT = 1 << 20;

    private final Set<Key> authorities;
    private final ReactorTime clock;
    private final double clockAtStart;
    private final long epochMillisAtStart;
    private final @Nullable CredentialsChecker plainKeys;

    /**
     * Makes a checker whose clock's current reading is now, by the system clock.
     *
     * @param authorities the trusted CA public keys
     * @param clock the reactor's clock; its progress is added to the system time at construction
     * @param plainKeys checks keys that are not certificates, or null to refuse them
     */
    public UserCertificateChecker(List<Key> authorities, ReactorTime clock, @Nullable CredentialsChecker plainKeys) {
        this(authorities, clock, Instant.now(), plainKeys);
    }

    /**
     * Makes a checker whose clock's current reading is {@code now}.
     *
     * @param authorities the trusted CA public keys
     * @param clock the clock whose progress is added to {@code now}
     * @param now the wall-clock instant of the clock's current reading
     * @param plainKeys checks keys that are not certificates, or null to refuse them
     */
    public UserCertificateChecker(List<Key> authorities, ReactorTime clock, Instant now,
            @Nullable CredentialsChecker plainKeys) {
        Set<Key> publicKeys = new java.util.HashSet<>();
        for (Key ca : authorities) {
            publicKeys.add(ca.toPublic());
        }
        this.authorities = Set.copyOf(publicKeys);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockAtStart = clock.seconds();
        this.epochMillisAtStart = now.toEpochMilli();
        this.plainKeys = plainKeys;
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(SSHPrivateKey.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof SSHPrivateKey key)) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        if (!Certificate.isCertificateName(key.algorithmName())) {
            return plainKeys == null ? Deferred.fail(new UnauthorizedLogin("Key not authorized"))
                    : plainKeys.requestAvatarId(credentials);
        }
        Optional<String> signatureAlgorithm = Certificate.signatureAlgorithm(key.algorithmName());
        Certificate cert;
        try {
            cert = Certificate.fromBlob(key.blob());
        } catch (BadKeyException e) {
            return Deferred.fail(new UnauthorizedLogin("Bad certificate: " + e.getMessage()));
        }
        String refusal = refusal(key, cert, signatureAlgorithm);
        if (refusal != null) {
            return Deferred.fail(new UnauthorizedLogin(refusal));
        }
        byte[] signature = key.signature();
        byte[] data = key.sigData();
        if (signature == null || data == null) {
            return Deferred.fail(new ValidPublicKey());
        }
        return cert.key().verify(signatureAlgorithm.orElseThrow(), data, signature)
                ? Deferred.succeed(key.username())
                : Deferred.fail(new UnauthorizedLogin("Incorrect signature"));
    }

    /**
     * Reads trusted CA keys in the format of OpenSSH's {@code TrustedUserCAKeys} file: one public key line
     * ({@code type base64 [comment]}) per CA; blank lines and lines starting with {@code #} are skipped.
     *
     * @param text the file's contents
     * @return the keys, in order
     * @throws BadKeyException naming the line, for a line that is not a public key; or for text longer than
     *         {@link #MAX_AUTHORITIES_TEXT}
     */
    public static List<Key> readAuthorities(String text) throws BadKeyException {
        if (text.length() > MAX_AUTHORITIES_TEXT) {
            throw new BadKeyException("longer than " + MAX_AUTHORITIES_TEXT + " characters");
        }
        List<Key> keys = new java.util.ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            try {
                keys.add(Key.fromPublicLine(content));
            } catch (BadKeyException e) {
                throw new BadKeyException("line " + number + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(keys);
    }

    /** Why the certificate does not let this user in, or null if it does. */
    private @Nullable String refusal(SSHPrivateKey key, Certificate cert, Optional<String> signatureAlgorithm) {
        String algorithm = signatureAlgorithm.orElse("");
        boolean typeMatches = cert.key().type() == org.twisted4j.conch.keys.KeyType.RSA
                ? algorithm.startsWith("rsa-sha2-") : cert.typeName().equals(key.algorithmName());
        if (signatureAlgorithm.isEmpty() || !typeMatches) {
            return "Certificate is not a " + key.algorithmName();
        }
        if (cert.type() != Certificate.Type.USER) {
            return "Not a user certificate";
        }
        if (!authorities.contains(cert.signatureKey()) || !cert.signatureValid()) {
            return "Certificate not signed by a trusted authority";
        }
        if (!cert.principals().contains(key.username())) {
            return "Certificate not valid for this user";
        }
        if (!cert.validAt(epochSeconds())) {
            return "Certificate not valid now";
        }
        try {
            CertificateUser.permissions(cert);
            Optional<String> sources = cert.criticalOption("source-address");
            if (sources.isPresent()) {
                String peer = key instanceof PeerSSHPrivateKey p ? p.peerHost() : null;
                if (peer == null || !matchesAny(peer, sources.get())) {
                    return "Certificate not valid from this address";
                }
            }
        } catch (BadKeyException e) {
            return "Certificate refused: " + e.getMessage();
        }
        return null;
    }

    /** The wall-clock time now, in whole seconds since the epoch. */
    long epochSeconds() {
        double elapsed = clock.seconds() - clockAtStart;
        return Math.floorDiv(epochMillisAtStart + Math.round(elapsed * 1000), 1000);
    }

    /** Whether the address is within one of the comma-separated CIDR blocks (or addresses). */
    static boolean matchesAny(String host, String blocks) {
        byte[] address = literal(host);
        if (address == null) {
            return false;
        }
        for (String block : blocks.split(",", -1)) {
            int slash = block.indexOf('/');
            byte[] network = literal(slash < 0 ? block : block.substring(0, slash));
            if (network == null || network.length != address.length) {
                continue;
            }
            int bits;
            try {
                bits = slash < 0 ? network.length * 8 : Integer.parseInt(block.substring(slash + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (bits < 0 || bits > network.length * 8) {
                continue;
            }
            if (samePrefix(address, network, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The octets of a literal IPv4 or IPv6 address, or null for anything else (never a name look-up). */
    private static byte @Nullable [] literal(String text) {
        boolean v6 = text.indexOf(':') >= 0
                && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        boolean v4 = text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && text.chars().filter(c -> c == '.').count() == 3;
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
