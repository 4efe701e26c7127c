package org.twisted4j.conch.agent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.keys.Key;

/**
 * The keys an {@link SshAgentServer} holds (the {@code keys} of Twisted's agent factory), shared by all of its
 * connections, and whether they are locked with a passphrase.
 *
 * <p>Keys are kept in the order they were added; adding a key held already replaces its comment. While locked,
 * the keyring lists no keys and signs, adds and removes nothing; only {@link #unlock} with the same passphrase
 * opens it. The passphrase is kept only as a salted SHA-512 digest, compared in constant time.
 *
 * <h2>Threading</h2>
 * Reactor thread only (the thread of the servers that share it).
 */
public final class AgentKeyring {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<KeyId, AgentIdentity> keys = new LinkedHashMap<>();
    private final Map<KeyId, Key> privateKeys = new LinkedHashMap<>();
    private byte @Nullable [] lockSalt;
    private byte @Nullable [] lockDigest;

    /** Makes an empty, unlocked keyring. */
    public AgentKeyring() {
    }

    /** A map key for a public key blob. */
    private record KeyId(String blob) {
        static KeyId of(byte[] blob) {
            return new KeyId(Base64.getEncoder().encodeToString(blob));
        }
    }

    /**
     * Adds a private key, or replaces the comment of one held already.
     *
     * @return false (nothing added) if the keyring is locked
     * @throws IllegalArgumentException if the key has no private half
     */
    public boolean add(Key key, String comment) {
        if (key.isPublic()) {
            throw new IllegalArgumentException("an agent holds private keys");
        }
        if (isLocked()) {
            return false;
        }
        KeyId id = KeyId.of(key.publicBlob());
        keys.put(id, new AgentIdentity(key.toPublic(), comment));
        privateKeys.put(id, key);
        return true;
    }

    /**
     * Removes the key with this public blob.
     *
     * @return whether a key was removed (false when locked or not held)
     */
    public boolean remove(byte[] publicBlob) {
        if (isLocked()) {
            return false;
        }
        KeyId id = KeyId.of(publicBlob);
        privateKeys.remove(id);
        return keys.remove(id) != null;
    }

    /**
     * Removes every key.
     *
     * @return false (nothing removed) if the keyring is locked
     */
    public boolean removeAll() {
        if (isLocked()) {
            return false;
        }
        keys.clear();
        privateKeys.clear();
        return true;
    }

    /** The keys held, in the order added; none while locked. */
    public List<AgentIdentity> identities() {
        return isLocked() ? List.of() : List.copyOf(keys.values());
    }

    /** The private key with this public blob, if held and unlocked. */
    public Optional<Key> privateKey(byte[] publicBlob) {
        return isLocked() ? Optional.empty() : Optional.ofNullable(privateKeys.get(KeyId.of(publicBlob)));
    }

    /** Whether the keyring is locked. */
    public boolean isLocked() {
        return lockDigest != null;
    }

    /**
     * Locks the keyring with a passphrase ({@code ssh-add -x}).
     *
     * @return false if it was locked already
     */
    public boolean lock(byte[] passphrase) {
        if (isLocked()) {
            return false;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        lockSalt = salt;
        lockDigest = digest(salt, passphrase);
        return true;
    }

    /**
     * Unlocks the keyring ({@code ssh-add -X}).
     *
     * @return false if it was not locked or the passphrase is not the one it was locked with
     */
    public boolean unlock(byte[] passphrase) {
        byte[] salt = lockSalt;
        byte[] expected = lockDigest;
        if (salt == null || expected == null || !MessageDigest.isEqual(expected, digest(salt, passphrase))) {
            return false;
        }
        lockSalt = null;
        lockDigest = null;
        return true;
    }

    private static byte[] digest(byte[] salt, byte[] passphrase) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            sha.update(salt);
            sha.update(passphrase);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    @Override
    public String toString() {
        return "AgentKeyring[" + keys.size() + " keys" + (isLocked() ? ", locked" : "") + "]";
    }
}
