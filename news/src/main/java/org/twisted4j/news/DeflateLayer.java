package org.twisted4j.news;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compression layer of NNTP's COMPRESS DEFLATE (RFC 8054): raw DEFLATE (RFC 1951, no zlib header or
 * checksum) in each direction, one stream per direction for the rest of the connection. Each write is flushed
 * (a sync flush) so that the peer can inflate every answer or command as soon as it arrives.
 *
 * <h2>Inflation limit</h2>
 * DEFLATE packs up to about a thousand octets into one, so a few kilobytes received could become gigabytes
 * waiting in a paused session's buffer. {@link #inflate} refuses to give more than its limit for one read of
 * the network: a decompression bomb, or a stream that is not DEFLATE, fails with {@link DataFormatException} and
 * the session drops the connection.
 *
 * <p>Reactor thread only, as the session that owns it; {@link #end} frees the native state.
 */
final class DeflateLayer {

    /** The default largest number of octets one read may inflate to: 4 MiB, four maximum articles. */
    static final int DEFAULT_MAX_INFLATED = 4 * 1024 * 1024;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final int maxInflated;
    private final byte[] chunk = new byte[16 * 1024];

    /**
     * Makes the layer of one connection.
     *
     * @param maxInflated the most octets one call of {@link #inflate} gives
     */
    DeflateLayer(int maxInflated) {
        this.maxInflated = maxInflated;
    }

    /** Compresses what is to be sent, flushed to the end of its last octet; the buffers are not consumed. */
    ByteBuffer deflate(List<ByteBuffer> data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : data) {
            deflater.setInput(buffer.duplicate());
            while (!deflater.needsInput()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
        }
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, written);
        } while (written == chunk.length);
        return ByteBuffer.wrap(out.toByteArray());
    }

    /**
     * Inflates what was received.
     *
     * @param compressed octets of the peer's DEFLATE stream, consumed
     * @return the octets they inflate to (possibly none, while a block is incomplete)
     * @throws DataFormatException if they are not DEFLATE, end the stream (nothing may follow, RFC 8054 §2.2.2),
     *     ask for a dictionary, or inflate to more than the limit
     */
    ByteBuffer inflate(ByteBuffer compressed) throws DataFormatException {
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int got = inflater.inflate(chunk);
            if (got > 0) {
                if (out.size() + got > maxInflated) {
                    throw new DataFormatException("inflates to more than " + maxInflated + " octets");
                }
                out.write(chunk, 0, got);
            } else if (inflater.finished()) {
                throw new DataFormatException("the peer ended its DEFLATE stream");
            } else if (inflater.needsDictionary()) {
                throw new DataFormatException("a DEFLATE stream asking for a dictionary");
            } else {
                break;
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** Frees both streams' native state; the layer is not used after. */
    void end() {
        deflater.end();
        inflater.end();
    }
}
