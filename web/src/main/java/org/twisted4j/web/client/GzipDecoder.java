package org.twisted4j.web.client;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The gzip coding (RFC 1952), decoded as it arrives: the member header is parsed byte by byte, the deflate
 * data inflated raw, and the trailer's CRC-32 and length checked. Concatenated members decode one after the
 * other; anything after a member that does not start another is ignored, as zlib and browsers do.
 *
 * <p>Threading: one body, one thread at a time.
 */
final class GzipDecoder implements ContentDecoder {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private enum State { FIXED, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, DATA, TRAILER, NEXT_MEMBER, DONE }

    private final byte[] scratch = new byte[ContentDecoders.OUTPUT_PIECE];
    private final byte[] header = new byte[10];
    private final CRC32 crc = new CRC32();
    private final Inflater inflater = new Inflater(true);
    private State state = State.FIXED;
    private int flags;
    private int count;
    private int remaining;
    private long trailerValue;
    private boolean seenAny;

    @Override
    public void decode(ByteBuffer piece, Sink out) throws Exception {
        if (piece.hasRemaining()) {
            seenAny = true;
        }
        while (piece.hasRemaining()) {
            switch (state) {
                case DATA -> data(piece, out);
                case DONE -> piece.position(piece.limit());
                default -> headerOrTrailerByte(piece.get() & 0xff);
            }
        }
    }

    private void data(ByteBuffer piece, Sink out) throws Exception {
        if (ContentDecoders.inflate(inflater, piece, scratch, out, crc)) {
            state = State.TRAILER;
            count = 0;
            trailerValue = 0;
        }
    }

    private void headerOrTrailerByte(int b) throws ZipException {
        switch (state) {
            case FIXED -> fixedHeaderByte(b);
            case EXTRA_LENGTH -> {
                remaining |= b << (8 * count++);
                if (count == 2) {
                    state = remaining > 0 ? State.EXTRA : afterExtra();
                }
            }
            case EXTRA -> {
                if (--remaining == 0) {
                    state = afterExtra();
                }
            }
            case NAME -> {
                if (b == 0) {
                    state = afterName();
                }
            }
            case COMMENT -> {
                if (b == 0) {
                    state = afterComment();
                }
            }
            case HEADER_CRC -> {
                if (++count == 2) {
                    startData();
                }
            }
            case TRAILER -> trailerByte(b);
            case NEXT_MEMBER -> {
                if (b == 0x1f) {
                    state = State.FIXED;
                    header[0] = (byte) b;
                    count = 1;
                } else {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void fixedHeaderByte(int b) throws ZipException {
        header[count++] = (byte) b;
        if (count == 2 && (header[0] != (byte) 0x1f || header[1] != (byte) 0x8b)) {
            throw new ZipException("not gzip data");
        }
        if (count == 3 && b != 8) {
            throw new ZipException("unknown gzip compression method " + b);
        }
        if (count == 4) {
            flags = b;
            if ((flags & 0xe0) != 0) {
                throw new ZipException("reserved gzip flags set");
            }
        }
        if (count == 10) {
            count = 0;
            remaining = 0;
            state = (flags & FEXTRA) != 0 ? State.EXTRA_LENGTH : afterExtra();
        }
    }

    private State afterExtra() {
        return (flags & FNAME) != 0 ? State.NAME : afterName();
    }

    private State afterName() {
        return (flags & FCOMMENT) != 0 ? State.COMMENT : afterComment();
    }

    private State afterComment() {
        if ((flags & FHCRC) != 0) {
            count = 0;
            return State.HEADER_CRC;
        }
        startData();
        return State.DATA;
    }

    private void startData() {
        state = State.DATA;
        inflater.reset();
        crc.reset();
    }

    private void trailerByte(int b) throws ZipException {
        trailerValue |= (long) b << (8 * (count % 4));
        count++;
        if (count == 4) {
            if (trailerValue != crc.getValue()) {
                throw new ZipException("gzip CRC mismatch");
            }
            trailerValue = 0;
        } else if (count == 8) {
            if (trailerValue != (inflater.getBytesWritten() & 0xffffffffL)) {
                throw new ZipException("gzip length mismatch");
            }
            state = State.NEXT_MEMBER;
            count = 0;
        }
    }

    @Override
    public void finish(Sink out) throws Exception {
        inflater.end();
        if (seenAny && state != State.NEXT_MEMBER && state != State.DONE) {
            throw new EOFException("the gzip data stopped short");
        }
    }
}
