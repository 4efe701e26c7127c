package org.twisted4j.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.IntBinaryOperator;

/**
 * Where a fuzz target cuts its input into the pieces an incremental parser is fed, so that it can check that the
 * parser reads the same however the bytes arrive. The cuts come from the fuzz data: a few offsets the fuzzer
 * chooses (taken modulo the input's length), or every byte apart.
 */
public final class Splits {
    private static final int MAX_CUTS = 16;

    private final boolean everyByte;
    private final int[] offsets;
    private int cutLength = -1;
    private TreeSet<Integer> cutCache = new TreeSet<>();

    private Splits(boolean everyByte, int[] offsets) {
        this.everyByte = everyByte;
        this.offsets = offsets;
    }

    /**
     * Takes the cuts from the fuzz data through its {@code consumeInt(min, max)}, as in
     * {@code Splits.consume(data::consumeInt)}; call it before taking the input itself with consumeRemainingAsBytes.
     */
    public static Splits consume(IntBinaryOperator consumeInt) {
        boolean everyByte = consumeInt.applyAsInt(0, 1) == 1;
        int[] offsets = new int[consumeInt.applyAsInt(0, MAX_CUTS)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = consumeInt.applyAsInt(0, 1 << 16);
        }
        return new Splits(everyByte, offsets);
    }

    /** Returns the offsets at which an input of {@code length} octets is cut, ascending, within 1 .. length - 1. */
    public NavigableSet<Integer> cuts(int length) {
        if (length == cutLength) {
            return Collections.unmodifiableNavigableSet(cutCache);
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        if (everyByte) {
            for (int at = 1; at < length; at++) {
                cuts.add(at);
            }
        } else {
            for (int offset : offsets) {
                int at = offset % (length + 1);
                if (at > 0 && at < length) {
                    cuts.add(at);
                }
            }
        }
        cutLength = length;
        cutCache = cuts;
        return Collections.unmodifiableNavigableSet(cuts);
    }

    /** Returns {@code input} cut into pieces, in order; an empty input gives no piece. */
    public List<ByteBuffer> of(byte[] input) {
        return of(input, 0, input.length);
    }

    /** Returns the octets {@code from} to {@code to} of {@code input} as pieces, cut where the whole input is. */
    public List<ByteBuffer> of(byte[] input, int from, int to) {
        List<ByteBuffer> pieces = new ArrayList<>();
        int start = from;
        for (int cut : cuts(input.length).subSet(from, false, to, false)) {
            pieces.add(ByteBuffer.wrap(input, start, cut - start));
            start = cut;
        }
        if (start < to) {
            pieces.add(ByteBuffer.wrap(input, start, to - start));
        }
        return pieces;
    }
}
