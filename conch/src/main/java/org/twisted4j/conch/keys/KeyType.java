package org.twisted4j.conch.keys;

import java.util.Optional;

/**
 * The SSH public key algorithms a {@link Key} can be.
 *
 * <h2>Threading</h2>
 * Any thread (an enum).
 */
public enum KeyType {
    /** Ed25519 (RFC 8709). */
    ED25519("ssh-ed25519", "ed25519", "", "", 32),
    /** ECDSA on NIST P-256 with SHA-256 (RFC 5656). */
    ECDSA_P256("ecdsa-sha2-nistp256", "ecdsa", "nistp256", "secp256r1", 32),
    /** ECDSA on NIST P-384 with SHA-384 (RFC 5656). */
    ECDSA_P384("ecdsa-sha2-nistp384", "ecdsa", "nistp384", "secp384r1", 48),
    /** ECDSA on NIST P-521 with SHA-512 (RFC 5656). */
    ECDSA_P521("ecdsa-sha2-nistp521", "ecdsa", "nistp521", "secp521r1", 66),
    /** RSA (RFC 4253), signing with rsa-sha2-256/512 (RFC 8332) or SHA-1 {@code ssh-rsa}. */
    RSA("ssh-rsa", "rsa", "", "", 0);

    private final String sshName;
    private final String shortName;
    private final String curveId;
    private final String jdkCurve;
    private final int fieldOctets;

    KeyType(String sshName, String shortName, String curveId, String jdkCurve, int fieldOctets) {
        this.sshName = sshName;
        this.shortName = shortName;
        this.curveId = curveId;
        this.jdkCurve = jdkCurve;
        this.fieldOctets = fieldOctets;
    }

    /** The name in key blobs and lines, such as {@code ecdsa-sha2-nistp256}. */
    public String sshName() {
        return sshName;
    }

    /** The short name in host key file names ({@code ssh_host_<name>_key}): ed25519, ecdsa or rsa. */
    public String shortName() {
        return shortName;
    }

    /** Whether this is one of the ECDSA types. */
    public boolean isEcdsa() {
        return !curveId.isEmpty();
    }

    /** The curve's SSH identifier ({@code nistp256}...), empty for other types. */
    String curveId() {
        return curveId;
    }

    /** The curve's JDK name ({@code secp256r1}...), empty for other types. */
    String jdkCurve() {
        return jdkCurve;
    }

    /** The octets of a field element (32 for Ed25519 keys and P-256), 0 for RSA. */
    int fieldOctets() {
        return fieldOctets;
    }

    /** The type with this SSH name, if there is one. */
    public static Optional<KeyType> fromSshName(String name) {
        for (KeyType type : values()) {
            if (type.sshName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The ECDSA type on the curve with this JDK name, if there is one. */
    static Optional<KeyType> fromJdkCurve(String curve) {
        for (KeyType type : values()) {
            if (type.isEcdsa() && curve.contains(type.jdkCurve)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
