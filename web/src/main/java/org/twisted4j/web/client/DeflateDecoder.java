package org.twisted4j.web.client;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The deflate coding: a zlib stream (RFC 1950) or, as browsers tolerate, a raw deflate stream (RFC 1951),
 * told apart by whether the first two bytes are a valid zlib header.
 *
 * <p>Threading: one body, one thread at a time.
 */
final class DeflateDecoder implements ContentDecoder {

    private final byte[] scratch = new byte[ContentDecoders.OUTPUT_PIECE];
    private @Nullable Inflater inflater;
    private int firstByte = -1;
    private boolean ended;

    @Override
    public void decode(ByteBuffer piece, Sink out) throws Exception {
        if (ended) {
            piece.position(piece.limit());
            return;
        }
        Inflater current = inflater;
        if (current == null) {
            if (!piece.hasRemaining()) {
                return;
            }
            if (firstByte < 0) {
                firstByte = piece.get() & 0xff;
                if (!piece.hasRemaining()) {
                    return;
                }
            }
            int second = piece.get(piece.position()) & 0xff;
            boolean zlib = (firstByte & 0x0f) == 8 && ((firstByte << 8) | second) % 31 == 0;
            current = new Inflater(!zlib);
            inflater = current;
            ContentDecoders.inflate(current, ByteBuffer.wrap(new byte[] {(byte) firstByte}), scratch, out, null);
        }
        ended = ContentDecoders.inflate(current, piece, scratch, out, null);
        if (ended) {
            piece.position(piece.limit());
            current.end();
        }
    }

    @Override
    public void finish(Sink out) throws Exception {
        Inflater current = inflater;
        if (ended || (current == null && firstByte < 0)) {
            return;
        }
        if (current != null) {
            current.end();
        }
        throw new EOFException("the deflate data stopped short");
    }
}
