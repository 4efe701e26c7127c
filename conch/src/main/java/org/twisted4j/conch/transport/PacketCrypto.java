package org.twisted4j.conch.transport;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The JDK primitives behind one direction's {@link DirectionKeys}, shared by {@link PacketWriter} and
 * {@link PacketReader}: a running AES-CTR cipher, an HMAC, the GCM invocation counter, or the two ChaCha20 keys
 * of OpenSSH's construction.
 *
 * <p>ChaCha20 here is OpenSSH's (Bernstein's original) with a 64-bit nonce and block counter; the JDK's is RFC
 * 8439's with a 96-bit nonce and 32-bit counter. They agree when the nonce is four zero octets and then the
 * packet sequence number, since no packet reaches 2<sup>32</sup> blocks. The JDK refuses to encrypt twice
 * under one key and nonce, which OpenSSH's construction does by design (key stream block 0 for the Poly1305 key,
 * block 1 onwards for the payload); ChaCha20 is its own inverse, so the cipher is always set up to "decrypt".
 *
 * <h2>Threading</h2>
 * Confined to the connection's reactor thread.
 */
final class PacketCrypto {
    final DirectionKeys keys;
    final CipherAlgorithm.Mode mode;
    final int blockSize;
    final int tagLength;
    private final @Nullable Cipher ctr;
    private final @Nullable Mac mac;
    private final @Nullable Cipher gcm;
    private final @Nullable SecretKeySpec aesKey;
    private final byte[] gcmIv;
    private final @Nullable Cipher chacha;
    private final @Nullable SecretKeySpec mainKey;
    private final @Nullable SecretKeySpec headerKey;

    PacketCrypto(DirectionKeys keys, boolean encrypt) {
        this.keys = keys;
        this.mode = keys.cipher().mode();
        this.blockSize = keys.cipher().blockSize();
        MacAlgorithm macAlgorithm = keys.mac();
        try {
            ctr = mode == CipherAlgorithm.Mode.CTR ? Cipher.getInstance("AES/CTR/NoPadding") : null;
            if (ctr != null) {
                ctr.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                        new IvParameterSpec(keys.iv()));
            }
            if (mode == CipherAlgorithm.Mode.CTR || mode == CipherAlgorithm.Mode.NONE) {
                if (macAlgorithm != null) {
                    mac = Mac.getInstance(macAlgorithm.jdkName());
                    mac.init(new SecretKeySpec(keys.macKey(), macAlgorithm.jdkName()));
                } else {
                    mac = null;
                }
            } else {
                mac = null;
            }
            gcm = mode == CipherAlgorithm.Mode.GCM ? Cipher.getInstance("AES/GCM/NoPadding") : null;
            aesKey = mode == CipherAlgorithm.Mode.GCM ? new SecretKeySpec(keys.key(), "AES") : null;
            gcmIv = mode == CipherAlgorithm.Mode.GCM ? keys.iv().clone() : new byte[0];
            chacha = mode == CipherAlgorithm.Mode.CHACHA ? Cipher.getInstance("ChaCha20") : null;
            mainKey = chacha != null ? new SecretKeySpec(Arrays.copyOfRange(keys.key(), 0, 32), "ChaCha20") : null;
            headerKey = chacha != null ? new SecretKeySpec(Arrays.copyOfRange(keys.key(), 32, 64), "ChaCha20") : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + keys.cipher().sshName(), e);
        }
        tagLength = switch (mode) {
            case GCM, CHACHA -> 16;
            default -> mac == null ? 0 : macAlgorithm.length();
        };
    }

    /** Whether the length field travels in clear (or separately encrypted) and is left out of the padding. */
    boolean lengthOutsideBlocks() {
        return mode == CipherAlgorithm.Mode.GCM || mode == CipherAlgorithm.Mode.CHACHA
                || (keys.mac() != null && keys.mac().isEtm());
    }

    boolean isEtm() {
        return keys.mac() != null && keys.mac().isEtm();
    }

    /** Runs the counter-mode cipher over a range in place. */
    void ctr(byte[] data, int offset, int length) {
        try {
            ctr.update(data, offset, length, data, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HMAC of the sequence number and a range. */
    byte[] mac(int sequence, byte[] data, int offset, int length) {
        mac.update((byte) (sequence >>> 24));
        mac.update((byte) (sequence >>> 16));
        mac.update((byte) (sequence >>> 8));
        mac.update((byte) sequence);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    /** Sets up the GCM cipher for the next packet and moves the invocation counter on (RFC 5647 section 7.1). */
    Cipher gcm(boolean encrypt) throws GeneralSecurityException {
        gcm.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, gcmIv));
        for (int i = 11; i >= 4; i--) {
            if (++gcmIv[i] != 0) {
                break;
            }
        }
        return gcm;
    }

    /** XORs a range with the header key's stream for this sequence number (the length field). */
    void chachaHeader(int sequence, byte[] data, int offset, int length) {
        try {
            chacha.init(Cipher.DECRYPT_MODE, headerKey, new ChaCha20ParameterSpec(nonce(sequence), 0));
            chacha.update(data, offset, length, data, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the main key's stream for this sequence number, returning the Poly1305 key (block 0); the cipher is
     * then at block 1, ready for {@link #chachaBody}.
     */
    byte[] chachaStart(int sequence) {
        try {
            chacha.init(Cipher.DECRYPT_MODE, mainKey, new ChaCha20ParameterSpec(nonce(sequence), 0));
            byte[] block = chacha.update(new byte[64]);
            return Arrays.copyOf(block, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** XORs a range in place with the main key's stream, after {@link #chachaStart}. */
    void chachaBody(byte[] data, int offset, int length) {
        try {
            chacha.update(data, offset, length, data, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] nonce(int sequence) {
        return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) (sequence >>> 24), (byte) (sequence >>> 16),
            (byte) (sequence >>> 8), (byte) sequence};
    }
}
