package org.twisted4j.conch.transport;

import org.jspecify.annotations.Nullable;

/**
 * The key exchange methods this transport speaks, by their SSH names, in the server's order of preference.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public enum KexAlgorithm {
    /**
     * Streamlined NTRU Prime 761 with X25519 and SHA-512, OpenSSH's post-quantum hybrid and its first choice since
     * 9.0 (draft-josefsson-ntruprime-ssh; {@link Sntrup761}).
     */
    SNTRUP761_X25519_SHA512("sntrup761x25519-sha512@openssh.com", "SHA-512"),
    /** X25519 with SHA-256 (RFC 8731). */
    CURVE25519_SHA256("curve25519-sha256", "SHA-256"),
    /** The same under its older libssh name. */
    CURVE25519_SHA256_LIBSSH("curve25519-sha256@libssh.org", "SHA-256"),
    /** ECDH on NIST P-256 with SHA-256 (RFC 5656). */
    ECDH_NISTP256("ecdh-sha2-nistp256", "SHA-256"),
    /** ECDH on NIST P-384 with SHA-384 (RFC 5656). */
    ECDH_NISTP384("ecdh-sha2-nistp384", "SHA-384"),
    /** ECDH on NIST P-521 with SHA-512 (RFC 5656). */
    ECDH_NISTP521("ecdh-sha2-nistp521", "SHA-512"),
    /** Diffie-Hellman group exchange with SHA-256 (RFC 4419). */
    DH_GEX_SHA256("diffie-hellman-group-exchange-sha256", "SHA-256"),
    /** Diffie-Hellman on the 4096-bit group 16 with SHA-512 (RFC 8268). */
    DH_GROUP16_SHA512("diffie-hellman-group16-sha512", "SHA-512"),
    /** Diffie-Hellman on the 8192-bit group 18 with SHA-512 (RFC 8268). */
    DH_GROUP18_SHA512("diffie-hellman-group18-sha512", "SHA-512"),
    /** Diffie-Hellman on the 2048-bit group 14 with SHA-256 (RFC 8268). */
    DH_GROUP14_SHA256("diffie-hellman-group14-sha256", "SHA-256");

    private final String sshName;
    private final String hash;

    KexAlgorithm(String sshName, String hash) {
        this.sshName = sshName;
        this.hash = hash;
    }

    /** Returns the SSH name. */
    public String sshName() {
        return sshName;
    }

    /** Returns the JDK name of the exchange hash. */
    String hash() {
        return hash;
    }

    /** Whether this is the group exchange, with its own request and group messages. */
    boolean isGroupExchange() {
        return this == DH_GEX_SHA256;
    }

    /** Makes this side's ephemeral key for the fixed-group and elliptic-curve methods. */
    KeyAgreement newAgreement() {
        return switch (this) {
            case SNTRUP761_X25519_SHA512 -> KeyAgreement.sntrup761X25519();
            case CURVE25519_SHA256, CURVE25519_SHA256_LIBSSH -> KeyAgreement.x25519();
            case ECDH_NISTP256 -> KeyAgreement.ecdh("secp256r1", 32);
            case ECDH_NISTP384 -> KeyAgreement.ecdh("secp384r1", 48);
            case ECDH_NISTP521 -> KeyAgreement.ecdh("secp521r1", 66);
            case DH_GROUP14_SHA256 -> KeyAgreement.dh(DhGroups.GROUP14, DhGroups.GENERATOR, 256);
            case DH_GROUP16_SHA512 -> KeyAgreement.dh(DhGroups.GROUP16, DhGroups.GENERATOR, 512);
            case DH_GROUP18_SHA512 -> KeyAgreement.dh(DhGroups.GROUP18, DhGroups.GENERATOR, 512);
            case DH_GEX_SHA256 -> throw new IllegalStateException("the group exchange picks its group first");
        };
    }

    /** Returns the method with this SSH name, or null. */
    public static @Nullable KexAlgorithm forName(String name) {
        for (KexAlgorithm a : values()) {
            if (a.sshName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
