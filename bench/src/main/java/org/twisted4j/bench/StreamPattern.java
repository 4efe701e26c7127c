package org.twisted4j.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The bytes every load connection sends: a fixed pseudo-random sequence repeated forever, so that byte
 * {@code n} of any stream is {@code pattern[n % PERIOD]} and what comes back can be checked exactly
 * without remembering what was sent.
 *
 * <p>The period is a prime far from any power of two, so an echo that drops, repeats or swaps whole
 * reads or messages does not land back in step by chance. The bytes sit in one direct buffer, longer
 * than the period by {@link #MAX_SLICE}, so any slice of up to that length is contiguous and needs no
 * copying before a write.
 *
 * <p>Threading: immutable after construction; each thread takes its own {@link #view()}.
 */
final class StreamPattern {

    /** Length of the repeating sequence, in bytes. */
    static final int PERIOD = 65_521;

    /** Longest slice {@link #slice} can return, in bytes. */
    static final int MAX_SLICE = 1 << 18;

    private final ByteBuffer bytes;

    /** Builds the pattern; every instance holds the same bytes. */
    StreamPattern() {
        bytes = ByteBuffer.allocateDirect(PERIOD + MAX_SLICE);
        SplittableRandom random = new SplittableRandom(0x7457_1573_6434_4a21L);
        byte[] period = new byte[PERIOD];
        for (int i = 0; i < PERIOD; i++) {
            period[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < bytes.capacity(); i++) {
            bytes.put(i, period[i % PERIOD]);
        }
    }

    /**
     * Returns a view of the pattern for one thread or connection to reuse with {@link #slice}.
     *
     * @return a new view; its position and limit are the caller's
     */
    ByteBuffer view() {
        return bytes.asReadOnlyBuffer();
    }

    /**
     * Sets {@code view} to cover the stream's bytes from {@code streamOffset} on, {@code length} long.
     *
     * @param view a view from {@link #view()}
     * @param streamOffset how many bytes of the stream come before the slice
     * @param length the slice's length
     * @return {@code view}, positioned on the slice
     * @throws IllegalArgumentException if {@code length} is negative or over {@link #MAX_SLICE}
     */
    static ByteBuffer slice(ByteBuffer view, long streamOffset, int length) {
        if (length < 0 || length > MAX_SLICE) {
            throw new IllegalArgumentException("slice length " + length + " not in [0, " + MAX_SLICE + "]");
        }
        int start = (int) (streamOffset % PERIOD);
        return view.limit(start + length).position(start);
    }

    /**
     * Tells whether {@code received} (from its position to its limit) is what the stream holds from
     * {@code streamOffset} on; leaves {@code received}'s position where it was.
     *
     * @param view a view from {@link #view()}, repositioned by this call
     * @param streamOffset the stream offset of {@code received}'s first byte
     * @param received bytes that came back, at most {@link #MAX_SLICE} of them
     * @return true if every byte matches
     * @throws IllegalArgumentException if more than {@link #MAX_SLICE} bytes are given
     */
    static boolean matches(ByteBuffer view, long streamOffset, ByteBuffer received) {
        return received.mismatch(slice(view, streamOffset, received.remaining())) < 0;
    }
}
