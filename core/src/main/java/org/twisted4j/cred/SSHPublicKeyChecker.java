package org.twisted4j.cred;

import java.util.Objects;
import java.util.Set;
import org.twisted4j.defer.Deferred;

/**
 * Checks {@link SSHPrivateKey} credentials against the keys a user may log in with (Twisted's
 * {@code SSHPublicKeyChecker}; {@code --auth sshkey} with {@link UNIXAuthorizedKeysFiles}).
 *
 * <ul>
 *   <li>a key that is not among the user's fails with {@link UnauthorizedLogin};
 *   <li>one that is, offered without a signature, fails with {@link ValidPublicKey}: the server answers
 *       {@code SSH_MSG_USERAUTH_PK_OK} and the client signs;
 *   <li>one that is, with a signature, succeeds with the user name if the {@link SignatureVerifier} accepts it.
 * </ul>
 *
 * <p>Signatures are verified by a {@link SignatureVerifier}: {@link SSHSignatureVerifier} (the one-argument
 * constructor's, and {@code --auth sshkey}'s) knows the Ed25519, ECDSA, RSA and DSA keys OpenSSH and Twisted
 * use. Options before a key in {@code authorized_keys} (such as {@code from=} or {@code command=}) are kept in
 * {@link AuthorizedKey#options()} but not enforced here.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SSHPublicKeyChecker implements CredentialsChecker {

    private final AuthorizedKeysDB keys;
    private final SignatureVerifier verifier;

    /** Makes a checker that verifies signatures with {@link SSHSignatureVerifier}. */
    public SSHPublicKeyChecker(AuthorizedKeysDB keys) {
        this(keys, new SSHSignatureVerifier());
    }

    /**
     * Makes a checker.
     *
     * @param keys where the user's keys are
     * @param verifier verifies signatures
     */
    public SSHPublicKeyChecker(AuthorizedKeysDB keys, SignatureVerifier verifier) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Returns the key database. */
    public AuthorizedKeysDB keys() {
        return keys;
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
        byte[] blob = key.blob();
        if (keys.getAuthorizedKeys(key.username()).stream().noneMatch(k -> k.matches(blob))) {
            return Deferred.fail(new UnauthorizedLogin("Key not authorized"));
        }
        byte[] signature = key.signature();
        byte[] data = key.sigData();
        if (signature == null || data == null) {
            return Deferred.fail(new ValidPublicKey());
        }
        return verifier.verify(key.algorithmName(), blob, data, signature) ? Deferred.succeed(key.username())
                : Deferred.fail(new UnauthorizedLogin("Incorrect signature"));
    }
}
