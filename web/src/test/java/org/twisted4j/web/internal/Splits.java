package org.twisted4j.web.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a fuzz target's input into pieces at points the fuzzer picks, for the targets that check that an
 * incremental parser reads any split of its input the same. Shared by the web module's fuzz targets.
 *
 * <pre>{@code
 * int[] cuts = Splits.cuts(data);                  // before the input is taken
 * byte[] input = data.consumeRemainingAsBytes();
 * for (ByteBuffer piece : Splits.pieces(input, cuts)) {
 *     parser.feed(piece);
 * }
 * }</pre>
 */
public final class Splits {

    /** The most cuts read from the fuzz data. */
    public static final int MAX_CUTS = 8;

    private Splits() {
    }

    /**
     * Reads the cut points from the fuzz data: a count, 0 to {@link #MAX_CUTS}, then each point.
     *
     * @param data the fuzz data; primitives are taken from its end
     * @return the points, not yet fitted to an input
     */
    public static int[] cuts(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, MAX_CUTS)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 0xffff);
        }
        return cuts;
    }

    /**
     * Cuts the input at the points, each taken modulo the input's length plus one; pieces may be empty. Each
     * piece is a slice of the input array, so its array offset is not zero.
     *
     * @param input the bytes
     * @param cuts the points, as from {@link #cuts}
     * @return the pieces, in order, which together are the input
     */
    public static List<ByteBuffer> pieces(byte[] input, int[] cuts) {
        int[] at = new int[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            at[i] = cuts[i] % (input.length + 1);
        }
        Arrays.sort(at);
        List<ByteBuffer> pieces = new ArrayList<>(at.length + 1);
        int from = 0;
        for (int to : at) {
            pieces.add(ByteBuffer.wrap(input, from, to - from).slice());
            from = to;
        }
        pieces.add(ByteBuffer.wrap(input, from, input.length - from).slice());
        return pieces;
    }
}
