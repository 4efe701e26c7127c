package org.twisted4j.conch.transport;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * Writes SSH binary packets (RFC 4253 section 6): pads each payload with random octets to the cipher's block size,
 * encrypts it and appends the MAC or AEAD tag, counting sequence numbers.
 *
 * <h2>Threading</h2>
 * Confined to the connection's reactor thread.
 */
final class PacketWriter {
    private static final int MIN_PADDING = 4;

    private final Random random;
    private PacketCrypto crypto = new PacketCrypto(DirectionKeys.NONE, true);
    private int sequence;
    private long bytesSinceKeys;
    private long packetsSinceKeys;
    private CompressionAlgorithm compression = CompressionAlgorithm.NONE;
    private @Nullable ZlibStream deflating;

    PacketWriter() {
        this(new SecureRandom());
    }

    PacketWriter(Random random) {
        this.random = random;
    }

    /** Switches to new keys, for the packets after NEWKEYS. */
    void setKeys(DirectionKeys keys) {
        crypto = new PacketCrypto(keys, true);
        bytesSinceKeys = 0;
        packetsSinceKeys = 0;
    }

    /**
     * Sets the compression of the packets after this side's NEWKEYS; a fresh zlib stream starts if it compresses
     * from now on (plain zlib, or OpenSSH's delayed zlib once the user is authenticated).
     */
    void setCompression(CompressionAlgorithm algorithm, boolean authenticated) {
        stopCompression();
        compression = algorithm;
        if (algorithm.compresses() && (!algorithm.delayed() || authenticated)) {
            deflating = ZlibStream.deflating();
        }
    }

    /** Starts OpenSSH's delayed compression, if that is what was negotiated and it has not started. */
    void startDelayedCompression() {
        if (compression.delayed() && deflating == null) {
            deflating = ZlibStream.deflating();
        }
    }

    /** Whether payloads are being deflated. */
    boolean isCompressing() {
        return deflating != null;
    }

    /** Frees the zlib stream, if any. */
    void stopCompression() {
        if (deflating != null) {
            deflating.end();
            deflating = null;
        }
    }

    /** Returns the cipher in use. */
    CipherAlgorithm cipher() {
        return crypto.keys.cipher();
    }

    /** Returns the sequence number the next packet gets. */
    int sequence() {
        return sequence;
    }

    /** Sets the sequence number to zero (strict key exchange, after NEWKEYS). */
    void resetSequence() {
        sequence = 0;
    }

    /** Returns the octets written since the keys were last set. */
    long bytesSinceKeys() {
        return bytesSinceKeys;
    }

    /** Returns the packets written since the keys were last set. */
    long packetsSinceKeys() {
        return packetsSinceKeys;
    }

    /**
     * Makes the wire form of one packet carrying {@code length} octets of {@code payload} from {@code offset}.
     *
     * @return the octets to send
     */
    byte[] write(byte[] payload, int offset, int length) {
        if (deflating != null) {
            payload = deflating.deflate(payload, offset, length);
            offset = 0;
            length = payload.length;
        }
        int blockSize = crypto.blockSize;
        boolean lengthOutside = crypto.lengthOutsideBlocks();
        int unpadded = 1 + length + (lengthOutside ? 0 : 4);
        int padding = blockSize - unpadded % blockSize;
        if (padding < MIN_PADDING) {
            padding += blockSize;
        }
        int packetLength = 1 + length + padding;
        byte[] out = new byte[4 + packetLength + crypto.tagLength];
        out[0] = (byte) (packetLength >>> 24);
        out[1] = (byte) (packetLength >>> 16);
        out[2] = (byte) (packetLength >>> 8);
        out[3] = (byte) packetLength;
        out[4] = (byte) padding;
        System.arraycopy(payload, offset, out, 5, length);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, out, 5 + length, padding);
        int end = 4 + packetLength;
        switch (crypto.mode) {
            case NONE -> {
                if (crypto.tagLength > 0) {
                    System.arraycopy(crypto.mac(sequence, out, 0, end), 0, out, end, crypto.tagLength);
                }
            }
            case CTR -> {
                if (crypto.isEtm()) {
                    crypto.ctr(out, 4, packetLength);
                    System.arraycopy(crypto.mac(sequence, out, 0, end), 0, out, end, crypto.tagLength);
                } else {
                    byte[] tag = crypto.mac(sequence, out, 0, end);
                    crypto.ctr(out, 0, end);
                    System.arraycopy(tag, 0, out, end, crypto.tagLength);
                }
            }
            case GCM -> {
                try {
                    Cipher gcm = crypto.gcm(true);
                    gcm.updateAAD(out, 0, 4);
                    gcm.doFinal(out, 4, packetLength, out, 4);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            case CHACHA -> {
                crypto.chachaHeader(sequence, out, 0, 4);
                byte[] polyKey = crypto.chachaStart(sequence);
                crypto.chachaBody(out, 4, packetLength);
                Poly1305.mac(polyKey, out, 0, end, out, end);
            }
            default -> throw new IllegalStateException();
        }
        sequence++;
        bytesSinceKeys += out.length;
        packetsSinceKeys++;
        return out;
    }
}
