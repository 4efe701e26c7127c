package org.twisted4j.conch.userauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
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

/**
 * Logs users in with OpenSSH user certificates signed by trusted certificate authorities (OpenSSH's
 * {@code TrustedUserCAKeys}), and hands plain keys to another checker (such as
 * {@link org.twisted4j.cred.SSHPublicKeyChecker} over {@code authorized_keys}).
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, new UserCertificateChecker(List.of(caKey), InstantSource.system(),
 *         new SSHPublicKeyChecker(new UNIXAuthorizedKeysFiles())));
 * }</pre>
 *
 * <p>A certificate is accepted, as sshd accepts it, only when: it parses and is a user certificate whose type
 * matches the algorithm the client named ({@code rsa-sha2-256/512-cert-v01@openssh.com} for RSA); its CA is one
 * of the trusted keys and the CA's signature is valid (not SHA-1 {@code ssh-rsa}); its principals name the user
 * (a certificate without principals is refused); the clock is within its validity window; every critical option
 * is one this checker enforces: {@code source-address} (the client's address must be in one of its
 * comma-separated CIDR blocks; unknown address: refused) and {@code force-command} (enforced by
 * {@link UserAuthServer}, which runs that command for every session). Then, as for plain keys, a request without
 * signature fails with {@link ValidPublicKey} and a signed one must be signed by the certified key.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class UserCertificateChecker implements CredentialsChecker {
    /** The critical options enforced; a certificate with any other is refused, as OpenSSH does. */
    public static final List<String> KNOWN_CRITICAL_OPTIONS = List.of("force-command", "source-address");

    private final Set<Key> authorities;
    private final InstantSource clock;
    private final @Nullable CredentialsChecker plainKeys;

    /**
     * Makes a checker.
     *
     * @param authorities the trusted CA public keys
     * @param clock gives the wall-clock time validity windows are checked against (a reactor's
     *        {@code seconds()} only measures intervals, so it cannot serve); {@link InstantSource#system()} in use,
     *        a fixed or settable one in tests
     * @param plainKeys checks keys that are not certificates, or null to refuse them
     */
    public UserCertificateChecker(List<Key> authorities, InstantSource clock, @Nullable CredentialsChecker plainKeys) {
        Set<Key> publicKeys = new java.util.HashSet<>();
        for (Key ca : authorities) {
            publicKeys.add(ca.toPublic());
        }
        this.authorities = Set.copyOf(publicKeys);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        if (!cert.validAt(clock.instant().getEpochSecond())) {
            return "Certificate not valid now";
        }
        for (String option : cert.criticalOptionNames()) {
            if (!KNOWN_CRITICAL_OPTIONS.contains(option)) {
                return "Unknown critical option";
            }
        }
        try {
            Optional<String> sources = cert.criticalOption("source-address");
            if (sources.isPresent()) {
                String peer = key instanceof PeerSSHPrivateKey p ? p.peerHost() : null;
                if (peer == null || !matchesAny(peer, sources.get())) {
                    return "Certificate not valid from this address";
                }
            }
            cert.criticalOption("force-command");
        } catch (BadKeyException e) {
            return "Bad critical option";
        }
        return null;
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
