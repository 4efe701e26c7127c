package org.twisted4j.web.client;

import java.nio.ByteBuffer;

/**
 * Undoes one content coding of a response body, piece by piece as the body arrives: the decoders a
 * {@link ContentDecoderAgent} uses. {@link ContentDecoders} makes the gzip and deflate ones; a decoder serves one
 * body only, so the agent takes a factory of them.
 *
 * <pre>{@code
 * ContentDecoder gzip = ContentDecoders.gzip();
 * gzip.decode(piece, decoded -> out.write(decoded));   // as often as pieces come
 * gzip.finish(decoded -> out.write(decoded));          // at the end of the body
 * }</pre>
 *
 * <p>Threading: one body's decoder is used by one thread at a time (the reactor thread).
 */
public interface ContentDecoder {

    /** Takes decoded bytes. */
    @FunctionalInterface
    interface Sink {
        /**
         * Takes the next decoded bytes.
         *
         * @param decoded valid only during the call (copy what is kept)
         * @throws Exception to stop decoding; it is passed on to the caller of {@link #decode} or {@link #finish}
         */
        void accept(ByteBuffer decoded) throws Exception;
    }

    /**
     * Decodes the next piece of the encoded body, giving what it yields to {@code out} (perhaps nothing yet).
     *
     * @param piece the encoded bytes; all are consumed
     * @param out where decoded bytes go
     * @throws java.io.IOException if the data is not validly encoded ({@link java.util.zip.ZipException} for
     *     the zlib codings)
     * @throws Exception what {@code out} throws
     */
    void decode(ByteBuffer piece, Sink out) throws Exception;

    /**
     * The encoded body has ended: gives {@code out} what is left and checks that the encoding was complete.
     * A body that was empty altogether (as for HEAD, 204 or 304) decodes to nothing without error.
     *
     * @param out where decoded bytes go
     * @throws java.io.EOFException if the encoded data stopped short
     * @throws Exception what {@code out} throws
     */
    void finish(Sink out) throws Exception;
}
