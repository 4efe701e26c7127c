package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import java.util.zip.Checksum;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The content decoders for {@link ContentDecoderAgent}, on {@link java.util.zip}: {@link #gzip()} (RFC 1952,
 * one member or several concatenated, CRC and length checked, bytes after the last member ignored) and
 * {@link #deflate()} (zlib-wrapped as RFC 9110 says, or raw deflate as some servers send and browsers accept;
 * the first two bytes tell which).
 *
 * <p>Threading: the factories are any thread; each decoder belongs to one body, as {@link ContentDecoder} says.
 */
public final class ContentDecoders {

    /** The size of the pieces decoded bytes are given in. */
    static final int OUTPUT_PIECE = 16 * 1024;

    private ContentDecoders() {
    }

    /** Returns a new gzip decoder, for one body. */
    public static ContentDecoder gzip() {
        return new GzipDecoder();
    }

    /** Returns a new deflate decoder, for one body. */
    public static ContentDecoder deflate() {
        return new DeflateDecoder();
    }

    /** Returns a factory of gzip decoders, for {@link ContentDecoderAgent}. */
    public static Supplier<ContentDecoder> gzipFactory() {
        return GzipDecoder::new;
    }

    /** Returns a factory of deflate decoders, for {@link ContentDecoderAgent}. */
    public static Supplier<ContentDecoder> deflateFactory() {
        return DeflateDecoder::new;
    }

    /**
     * Inflates what {@code in} holds, giving the output to {@code out}, until the inflater needs more input or
     * its stream has ended; on return, {@code in}'s position is at the first byte the inflater did not use.
     *
     * @param onOutput sees each output piece before {@code out} does (a checksum), or null
     * @return whether the deflate stream has ended
     */
    static boolean inflate(Inflater inflater, ByteBuffer in, byte[] scratch, ContentDecoder.Sink out,
            @Nullable Checksum onOutput) throws Exception {
        inflater.setInput(in);
        while (true) {
            int n;
            try {
                n = inflater.inflate(scratch);
            } catch (DataFormatException e) {
                ZipException broken = new ZipException("broken deflate data: " + e.getMessage());
                broken.initCause(e);
                throw broken;
            }
            if (n > 0) {
                if (onOutput != null) {
                    onOutput.update(scratch, 0, n);
                }
                out.accept(ByteBuffer.wrap(scratch, 0, n));
            }
            if (inflater.finished()) {
                return true;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("deflate data needs a preset dictionary");
            }
            if (n == 0 && inflater.needsInput()) {
                return false;
            }
        }
    }
}
