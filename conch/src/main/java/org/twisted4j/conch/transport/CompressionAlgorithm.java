package org.twisted4j.conch.transport;

import org.jspecify.annotations.Nullable;

/**
 * The payload compression methods this transport speaks (RFC 4253 section 6.2), by their SSH names.
 *
 * <p>{@link #ZLIB_OPENSSH} is OpenSSH's delayed zlib: negotiated like the others but switched on only once user
 * authentication has succeeded (after the server's {@code SSH_MSG_USERAUTH_SUCCESS}), so that nothing an
 * unauthenticated peer sends is inflated. {@link #ZLIB} compresses from the key exchange's NEWKEYS on; OpenSSH's
 * {@code sshd} no longer offers it, and neither does the default {@link TransportConfig}.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public enum CompressionAlgorithm {
    /** No compression. */
    NONE("none"),
    /** zlib, switched on after user authentication ({@code zlib@openssh.com}). */
    ZLIB_OPENSSH("zlib@openssh.com"),
    /** zlib from NEWKEYS on (RFC 4253). */
    ZLIB("zlib");

    private final String sshName;

    CompressionAlgorithm(String sshName) {
        this.sshName = sshName;
    }

    /** Returns the SSH name. */
    public String sshName() {
        return sshName;
    }

    /** Whether this compresses at all. */
    boolean compresses() {
        return this != NONE;
    }

    /** Whether this waits for user authentication to succeed. */
    boolean delayed() {
        return this == ZLIB_OPENSSH;
    }

    /** Returns the method with this SSH name, or null. */
    public static @Nullable CompressionAlgorithm forName(String name) {
        for (CompressionAlgorithm a : values()) {
            if (a.sshName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
