package org.twisted4j.conch.userauth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SSHPrivateKey;

/**
 * {@link SSHPrivateKey} credentials that also say which host the client connects from, so that a checker can
 * enforce a certificate's {@code source-address} ({@link UserCertificateChecker}). {@link UserAuthServer} offers
 * every publickey request as one of these; checkers that do not care see a plain {@link SSHPrivateKey}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class PeerSSHPrivateKey implements SSHPrivateKey {
    private final SSHPrivateKey key;
    private final @Nullable String peerHost;

    /**
     * Makes the credentials.
     *
     * @param key the key, its signed data and signature
     * @param peerHost the client's IP address as text, or null if unknown
     */
    public PeerSSHPrivateKey(SSHPrivateKey key, @Nullable String peerHost) {
        this.key = Objects.requireNonNull(key, "key");
        this.peerHost = peerHost;
    }

    /** Returns the client's IP address as text ({@code 127.0.0.1}, {@code ::1}), or null if unknown. */
    public @Nullable String peerHost() {
        return peerHost;
    }

    @Override
    public String username() {
        return key.username();
    }

    @Override
    public String algorithmName() {
        return key.algorithmName();
    }

    @Override
    public byte[] blob() {
        return key.blob();
    }

    @Override
    public byte @Nullable [] sigData() {
        return key.sigData();
    }

    @Override
    public byte @Nullable [] signature() {
        return key.signature();
    }

    @Override
    public String toString() {
        return key + " from " + peerHost;
    }
}
