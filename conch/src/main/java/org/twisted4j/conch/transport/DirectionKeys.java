package org.twisted4j.conch.transport;

import org.jspecify.annotations.Nullable;

/**
 * The algorithms and key material for one direction of the connection after a key exchange (RFC 4253 section 7.2).
 *
 * @param cipher the cipher
 * @param mac the MAC, or null for an AEAD cipher (and for {@link CipherAlgorithm#NONE})
 * @param iv the initial IV, {@link CipherAlgorithm#ivLength()} octets
 * @param key the encryption key, {@link CipherAlgorithm#keyLength()} octets
 * @param macKey the MAC key, or an empty array when there is no MAC
 */
record DirectionKeys(CipherAlgorithm cipher, @Nullable MacAlgorithm mac, byte[] iv, byte[] key, byte[] macKey) {

    /** No protection at all, as before the first NEWKEYS. */
    static final DirectionKeys NONE = new DirectionKeys(CipherAlgorithm.NONE, null, new byte[0], new byte[0],
            new byte[0]);
}
