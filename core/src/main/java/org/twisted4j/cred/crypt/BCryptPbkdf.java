package org.twisted4j.cred.crypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * OpenBSD's {@code bcrypt_pbkdf}: the key derivation function that OpenSSH's {@code openssh-key-v1} private key
 * files use to turn a passphrase into their cipher's key and IV (OpenSSH's {@code PROTOCOL.key}). It is PBKDF2
 * with SHA-512 collapsing the password and salt, bcrypt's expensive Blowfish setup hashing them, and the output
 * octets spread over the blocks rather than taken block after block.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * byte[] keyAndIv = BCryptPbkdf.derive(passphrase, salt, 16, 32 + 16);  // aes256-ctr: key then IV
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (stateless). Each round costs one bcrypt hash with 64 expansions, so 16 rounds (ssh-keygen's
 * default) take some tens of milliseconds: call it off the reactor thread.
 */
public final class BCryptPbkdf {

    /** The most octets one derivation gives: 32 blocks of 32 octets. */
    public static final int MAX_KEY_LENGTH = 32 * 32;

    private static final byte[] CIPHERTEXT = "OxychromaticBlowfishSwatDynamite"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int HASH_OCTETS = 32;

    private BCryptPbkdf() {
    }

    /**
     * Derives {@code length} octets from a password and a salt.
     *
     * @param password the password's octets (OpenSSH: the passphrase as typed, no terminator)
     * @param salt the salt
     * @param rounds the number of rounds, at least 1
     * @param length the number of octets wanted, 1 to {@link #MAX_KEY_LENGTH}
     * @throws IllegalArgumentException if the password or salt is empty, the salt is over 1 MiB, rounds is below
     *         1, or length is out of range (the cases OpenBSD's function refuses)
     */
    public static byte[] derive(byte[] password, byte[] salt, int rounds, int length) {
        if (rounds < 1 || password.length == 0 || salt.length == 0 || length < 1 || length > MAX_KEY_LENGTH
                || salt.length > 1 << 20) {
            throw new IllegalArgumentException("bcrypt_pbkdf refuses these parameters");
        }
        MessageDigest sha512 = sha512();
        byte[] sha2pass = sha512.digest(password);
        int stride = (length + HASH_OCTETS - 1) / HASH_OCTETS;
        int amount = (length + stride - 1) / stride;
        byte[] key = new byte[length];
        int left = length;
        for (int count = 1; left > 0; count++) {
            sha512.update(salt);
            sha512.update(new byte[] {(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8),
                (byte) count});
            byte[] tmp = hash(sha2pass, sha512.digest());
            byte[] out = tmp.clone();
            for (int i = 1; i < rounds; i++) {
                tmp = hash(sha2pass, sha512.digest(tmp));
                for (int j = 0; j < out.length; j++) {
                    out[j] ^= tmp[j];
                }
            }
            amount = Math.min(amount, left);
            int i;
            for (i = 0; i < amount; i++) {
                int dest = i * stride + (count - 1);
                if (dest >= length) {
                    break;
                }
                key[dest] = out[i];
            }
            left -= i;
            Arrays.fill(out, (byte) 0);
        }
        Arrays.fill(sha2pass, (byte) 0);
        return key;
    }

    /** bcrypt_hash: the Blowfish setup keyed by both hashes, then 64 encryptions of the fixed text. */
    private static byte[] hash(byte[] sha2pass, byte[] sha2salt) {
        Blowfish state = new Blowfish();
        state.expand(sha2salt, sha2pass);
        for (int i = 0; i < 64; i++) {
            state.expand(sha2salt);
            state.expand(sha2pass);
        }
        int[] words = new int[HASH_OCTETS / 4];
        int[] offset = {0};
        for (int i = 0; i < words.length; i++) {
            words[i] = Blowfish.word(CIPHERTEXT, offset);
        }
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < words.length; j += 2) {
                state.encrypt(words, j);
            }
        }
        byte[] out = new byte[HASH_OCTETS];
        for (int i = 0; i < words.length; i++) {
            out[4 * i] = (byte) words[i];
            out[4 * i + 1] = (byte) (words[i] >>> 8);
            out[4 * i + 2] = (byte) (words[i] >>> 16);
            out[4 * i + 3] = (byte) (words[i] >>> 24);
        }
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}
