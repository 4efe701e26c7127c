package org.twisted4j.conch.transport;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * Reads SSH binary packets (RFC 4253 section 6) incrementally from whatever octets have arrived: it decrypts,
 * checks the length against {@link #MAX_PACKET_LENGTH} and the block size as soon as the length is known, checks
 * the MAC or AEAD tag in constant time before the payload is looked at, checks the padding, and hands out each
 * payload once. The same stream split anywhere reads the same.
 *
 * <h2>Errors</h2>
 * {@link SshProtocolException} with {@link DisconnectReason#PROTOCOL_ERROR} for a bad length or padding,
 * {@link DisconnectReason#MAC_ERROR} for a bad MAC or tag and {@link DisconnectReason#COMPRESSION_ERROR} for a
 * payload that does not inflate or inflates past {@link ZlibStream#MAX_INFLATED}; after one the reader is unusable. It never holds more
 * than one packet's octets beyond what the last read brought.
 *
 * <h2>Threading</h2>
 * Confined to the connection's reactor thread.
 */
final class PacketReader {
    /** The largest {@code packet_length} accepted: 256 KiB, as OpenSSH. */
    static final int MAX_PACKET_LENGTH = 256 * 1024;

    private PacketCrypto crypto = new PacketCrypto(DirectionKeys.NONE, false);
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    private int sequence;
    /** The packet_length of the packet being read, once known, else -1. */
    private int packetLength = -1;
    /** How many octets at {@code start} are already decrypted (encrypt-and-MAC mode). */
    private int decrypted;
    private long bytesSinceKeys;
    private long packetsSinceKeys;
    private CompressionAlgorithm compression = CompressionAlgorithm.NONE;
    private byte[] payloadArray = new byte[0];
    private int payloadOffset;
    private int payloadLength;
    private @Nullable ZlibStream inflating;

    /** Switches to new keys, for the packets after the peer's NEWKEYS. */
    void setKeys(DirectionKeys keys) {
        crypto = new PacketCrypto(keys, false);
        bytesSinceKeys = 0;
        packetsSinceKeys = 0;
    }

    /**
     * Sets the compression of the packets after the peer's NEWKEYS; a fresh zlib stream starts if it compresses
     * from now on (plain zlib, or OpenSSH's delayed zlib once the user is authenticated).
     */
    void setCompression(CompressionAlgorithm algorithm, boolean authenticated) {
        stopCompression();
        compression = algorithm;
        if (algorithm.compresses() && (!algorithm.delayed() || authenticated)) {
            inflating = ZlibStream.inflating();
        }
    }

    /** Starts OpenSSH's delayed compression, if that is what was negotiated and it has not started. */
    void startDelayedCompression() {
        if (compression.delayed() && inflating == null) {
            inflating = ZlibStream.inflating();
        }
    }

    /** Whether payloads are being inflated. */
    boolean isCompressing() {
        return inflating != null;
    }

    /** Frees the zlib stream, if any. */
    void stopCompression() {
        if (inflating != null) {
            inflating.end();
            inflating = null;
        }
    }

    /** Returns the sequence number the next packet has. */
    int sequence() {
        return sequence;
    }

    /** Sets the sequence number to zero (strict key exchange, after NEWKEYS). */
    void resetSequence() {
        sequence = 0;
    }

    long bytesSinceKeys() {
        return bytesSinceKeys;
    }

    long packetsSinceKeys() {
        return packetsSinceKeys;
    }

    /** Returns how many octets are held that are not yet part of a returned payload. */
    int buffered() {
        return end - start;
    }

    /** Takes the octets between {@code data}'s position and limit. */
    void feed(ByteBuffer data) {
        int n = data.remaining();
        if (buffer.length - end < n) {
            int held = end - start;
            if (buffer.length - held >= n && start > 0) {
                System.arraycopy(buffer, start, buffer, 0, held);
            } else {
                byte[] bigger = new byte[Math.max(buffer.length * 2, held + n)];
                System.arraycopy(buffer, start, bigger, 0, held);
                buffer = bigger;
            }
            start = 0;
            end = held;
        }
        data.get(buffer, end, n);
        end += n;
    }

    /** Takes the given octets. */
    void feed(byte[] data) {
        feed(ByteBuffer.wrap(data));
    }

    /**
     * Returns the next whole packet's payload, or null if it has not all arrived.
     *
     * @throws SshProtocolException if the packet is malformed or its MAC is wrong
     */
    byte[] next() throws SshProtocolException {
        if (!advance()) {
            return null;
        }
        return payloadArray == buffer
                ? Arrays.copyOfRange(payloadArray, payloadOffset, payloadOffset + payloadLength) : payloadArray;
    }

    /**
     * Reads the next whole packet, if it has all arrived, without copying its payload: the payload is then
     * {@link #payloadLength()} octets of {@link #payloadArray()} from {@link #payloadOffset()}, valid until the next
     * call to {@link #feed} or {@link #advance} (a decompressed payload is an array of its own).
     *
     * @return whether a packet was read
     * @throws SshProtocolException if the packet is malformed or its MAC is wrong
     */
    boolean advance() throws SshProtocolException {
        int available = end - start;
        if (packetLength < 0 && !readLength(available)) {
            return false;
        }
        int total = 4 + packetLength + crypto.tagLength;
        if (available < total) {
            return false;
        }
        int macEnd = start + 4 + packetLength;
        switch (crypto.mode) {
            case NONE -> {
                if (crypto.tagLength > 0) {
                    checkTag(crypto.mac(sequence, buffer, start, 4 + packetLength), macEnd);
                }
            }
            case CTR -> {
                if (crypto.isEtm()) {
                    checkTag(crypto.mac(sequence, buffer, start, 4 + packetLength), macEnd);
                    crypto.ctr(buffer, start + 4, packetLength);
                } else {
                    crypto.ctr(buffer, start + decrypted, 4 + packetLength - decrypted);
                    checkTag(crypto.mac(sequence, buffer, start, 4 + packetLength), macEnd);
                }
            }
            case GCM -> {
                try {
                    Cipher gcm = crypto.gcm(false);
                    gcm.updateAAD(buffer, start, 4);
                    gcm.doFinal(buffer, start + 4, packetLength + 16, buffer, start + 4);
                } catch (AEADBadTagException e) {
                    throw new SshProtocolException(DisconnectReason.MAC_ERROR, "Bad packet MAC");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            case CHACHA -> {
                byte[] polyKey = crypto.chachaStart(sequence);
                byte[] tag = new byte[16];
                Poly1305.mac(polyKey, buffer, start, 4 + packetLength, tag, 0);
                checkTag(tag, macEnd);
                crypto.chachaBody(buffer, start + 4, packetLength);
            }
            default -> throw new IllegalStateException();
        }
        int padding = buffer[start + 4] & 0xff;
        if (padding < 4 || padding > packetLength - 1) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Bad padding length " + padding);
        }
        int payloadStart = start + 5;
        int length = packetLength - padding - 1;
        start += total;
        if (start == end) {
            // The payload stays where it is until the next feed, which starts over at the front.
            start = 0;
            end = 0;
        }
        packetLength = -1;
        decrypted = 0;
        sequence++;
        bytesSinceKeys += total;
        packetsSinceKeys++;
        if (inflating == null) {
            payloadArray = buffer;
            payloadOffset = payloadStart;
            payloadLength = length;
        } else {
            payloadArray = inflating.inflate(Arrays.copyOfRange(buffer, payloadStart, payloadStart + length));
            payloadOffset = 0;
            payloadLength = payloadArray.length;
        }
        return true;
    }

    /** The array holding the payload of the packet {@link #advance} read. */
    byte[] payloadArray() {
        return payloadArray;
    }

    /** Where that payload starts in {@link #payloadArray()}. */
    int payloadOffset() {
        return payloadOffset;
    }

    /** That payload's length. */
    int payloadLength() {
        return payloadLength;
    }

    private boolean readLength(int available) throws SshProtocolException {
        int blockSize = crypto.blockSize;
        boolean lengthOutside = crypto.lengthOutsideBlocks();
        int length;
        switch (crypto.mode) {
            case CTR -> {
                if (crypto.isEtm()) {
                    if (available < 4) {
                        return false;
                    }
                    length = lengthAt(start);
                } else {
                    if (available < blockSize) {
                        return false;
                    }
                    crypto.ctr(buffer, start, blockSize);
                    decrypted = blockSize;
                    length = lengthAt(start);
                }
            }
            case CHACHA -> {
                if (available < 4) {
                    return false;
                }
                byte[] header = Arrays.copyOfRange(buffer, start, start + 4);
                crypto.chachaHeader(sequence, header, 0, 4);
                length = lengthAt(header, 0);
            }
            default -> {
                if (available < 4) {
                    return false;
                }
                length = lengthAt(start);
            }
        }
        if (length < 5 || length > MAX_PACKET_LENGTH) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Bad packet length " + (length & 0xffffffffL));
        }
        if ((length + (lengthOutside ? 0 : 4)) % blockSize != 0) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Packet length " + length + " not a multiple of the block size " + blockSize);
        }
        packetLength = length;
        return true;
    }

    private int lengthAt(int at) {
        return lengthAt(buffer, at);
    }

    private static int lengthAt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private void checkTag(byte[] expected, int at) throws SshProtocolException {
        int n = crypto.tagLength;
        byte[] got = Arrays.copyOfRange(buffer, at, at + n);
        byte[] want = expected.length == n ? expected : Arrays.copyOf(expected, n);
        if (!MessageDigest.isEqual(want, got)) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "Bad packet MAC");
        }
    }
}
