package org.twisted4j.conch.transport;

import org.jspecify.annotations.Nullable;

/**
 * The MACs this transport speaks with the counter-mode ciphers, by their SSH names, in the server's order of
 * preference: encrypt-then-MAC (OpenSSH's {@code -etm@openssh.com}, the MAC over the ciphertext, checked before
 * anything is decrypted) before the RFC 6668 encrypt-and-MAC forms.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public enum MacAlgorithm {
    /** HMAC-SHA-256 over the length and ciphertext. */
    HMAC_SHA2_256_ETM("hmac-sha2-256-etm@openssh.com", "HmacSHA256", 32, true),
    /** HMAC-SHA-512 over the length and ciphertext. */
    HMAC_SHA2_512_ETM("hmac-sha2-512-etm@openssh.com", "HmacSHA512", 64, true),
    /** HMAC-SHA-256 over the plaintext packet (RFC 6668). */
    HMAC_SHA2_256("hmac-sha2-256", "HmacSHA256", 32, false),
    /** HMAC-SHA-512 over the plaintext packet (RFC 6668). */
    HMAC_SHA2_512("hmac-sha2-512", "HmacSHA512", 64, false);

    private final String sshName;
    private final String jdkName;
    private final int length;
    private final boolean etm;

    MacAlgorithm(String sshName, String jdkName, int length, boolean etm) {
        this.sshName = sshName;
        this.jdkName = jdkName;
        this.length = length;
        this.etm = etm;
    }

    /** Returns the SSH name. */
    public String sshName() {
        return sshName;
    }

    String jdkName() {
        return jdkName;
    }

    /** Returns the key length and the tag length, in octets (equal for these MACs). */
    public int length() {
        return length;
    }

    /** Whether the MAC is computed over the ciphertext (encrypt-then-MAC). */
    public boolean isEtm() {
        return etm;
    }

    /** Returns the algorithm with this SSH name, or null. */
    public static @Nullable MacAlgorithm forName(String name) {
        for (MacAlgorithm a : values()) {
            if (a.sshName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
