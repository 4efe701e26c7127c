package org.twisted4j.conch.transport;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * One direction's zlib stream for SSH compression: each packet's payload is deflated and ended with a sync flush,
 * so the peer can inflate it whole, while the dictionary carries across packets (RFC 4253 section 6.2). Inflating
 * stops at {@link #MAX_INFLATED} octets, so a small packet that would inflate to a huge one (a "bomb") is refused
 * with {@link DisconnectReason#COMPRESSION_ERROR} without ever holding more than that.
 *
 * <h2>Threading</h2>
 * Confined to the connection's reactor thread.
 */
final class ZlibStream {
    /** The largest payload accepted after inflation: 256 KiB, as the largest packet. */
    static final int MAX_INFLATED = PacketReader.MAX_PACKET_LENGTH;
    /** The compression level OpenSSH uses. */
    private static final int LEVEL = 6;

    private final @Nullable Deflater deflater;
    private final @Nullable Inflater inflater;
    private byte[] scratch = new byte[8192];

    private ZlibStream(boolean compressing) {
        deflater = compressing ? new Deflater(LEVEL) : null;
        inflater = compressing ? null : new Inflater();
    }

    /** A stream for the packets this side sends. */
    static ZlibStream deflating() {
        return new ZlibStream(true);
    }

    /** A stream for the packets this side receives. */
    static ZlibStream inflating() {
        return new ZlibStream(false);
    }

    /** Deflates one payload, ending with a sync flush. */
    byte[] deflate(byte[] payload, int offset, int length) {
        deflater.setInput(payload, offset, length);
        int written = 0;
        while (true) {
            if (written == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            int n = deflater.deflate(scratch, written, scratch.length - written, Deflater.SYNC_FLUSH);
            written += n;
            if (written < scratch.length) {
                break;
            }
        }
        return Arrays.copyOf(scratch, written);
    }

    /**
     * Inflates one payload.
     *
     * @throws SshProtocolException with {@link DisconnectReason#COMPRESSION_ERROR} if the data is not a valid
     *     continuation of the stream, or inflates to more than {@link #MAX_INFLATED} octets
     */
    byte[] inflate(byte[] compressed) throws SshProtocolException {
        inflater.setInput(compressed);
        byte[] out = new byte[Math.min(MAX_INFLATED + 1, Math.max(256, compressed.length * 4))];
        int written = 0;
        try {
            while (true) {
                int n = inflater.inflate(out, written, out.length - written);
                written += n;
                if (written > MAX_INFLATED) {
                    throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR,
                            "Compressed packet inflates past " + MAX_INFLATED + " octets");
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR, "zlib stream ended");
                }
                if (written == out.length) {
                    out = Arrays.copyOf(out, Math.min(MAX_INFLATED + 1, out.length * 2));
                } else if (inflater.needsInput()) {
                    break;
                } else if (n == 0) {
                    throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR, "zlib stream stalled");
                }
            }
        } catch (DataFormatException e) {
            throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR, "Bad compressed data: "
                    + e.getMessage());
        }
        return Arrays.copyOf(out, written);
    }

    /** Frees the native zlib state. */
    void end() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
