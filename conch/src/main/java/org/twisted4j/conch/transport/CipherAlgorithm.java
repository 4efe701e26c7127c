package org.twisted4j.conch.transport;

/**
 * The packet ciphers this transport speaks, by their SSH names, in the server's order of preference (OpenSSH's
 * own first choices first).
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public enum CipherAlgorithm {
    /** OpenSSH's ChaCha20 with Poly1305 (its PROTOCOL.chacha20poly1305): an AEAD, no separate MAC. */
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", 64, 0, 8, Mode.CHACHA),
    /** AES-128 in Galois/counter mode (RFC 5647 as OpenSSH names it): an AEAD. */
    AES128_GCM("aes128-gcm@openssh.com", 16, 12, 16, Mode.GCM),
    /** AES-256 in Galois/counter mode: an AEAD. */
    AES256_GCM("aes256-gcm@openssh.com", 32, 12, 16, Mode.GCM),
    /** AES-128 in counter mode (RFC 4344), with a MAC. */
    AES128_CTR("aes128-ctr", 16, 16, 16, Mode.CTR),
    /** AES-192 in counter mode, with a MAC. */
    AES192_CTR("aes192-ctr", 24, 16, 16, Mode.CTR),
    /** AES-256 in counter mode, with a MAC. */
    AES256_CTR("aes256-ctr", 32, 16, 16, Mode.CTR),
    /** No encryption: only before the first key exchange ends; never negotiated. */
    NONE("none", 0, 0, 8, Mode.NONE);

    /** How packets are protected. */
    enum Mode {
        NONE, CTR, GCM, CHACHA
    }

    private final String sshName;
    private final int keyLength;
    private final int ivLength;
    private final int blockSize;
    private final Mode mode;

    CipherAlgorithm(String sshName, int keyLength, int ivLength, int blockSize, Mode mode) {
        this.sshName = sshName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.mode = mode;
    }

    /** Returns the SSH name. */
    public String sshName() {
        return sshName;
    }

    /** Returns the key length in octets. */
    public int keyLength() {
        return keyLength;
    }

    /** Returns the IV length in octets. */
    public int ivLength() {
        return ivLength;
    }

    /** Returns the block size packets are padded to. */
    public int blockSize() {
        return blockSize;
    }

    /** Whether the cipher authenticates the packet itself, so that no MAC is negotiated for it. */
    public boolean isAead() {
        return mode == Mode.GCM || mode == Mode.CHACHA;
    }

    Mode mode() {
        return mode;
    }

    /** Returns the algorithm with this SSH name, or null. */
    public static @org.jspecify.annotations.Nullable CipherAlgorithm forName(String name) {
        for (CipherAlgorithm a : values()) {
            if (a != NONE && a.sshName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
