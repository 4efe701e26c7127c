package org.twisted4j.mail.imap4;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence set ({@code 1:3,5,7:*}), of message sequence numbers or UIDs; {@code *} is the largest number
 * in use, given when the set is asked.
 *
 * <p>Threading: immutable, any thread.
 */
public final class SequenceSet {

    /** The largest number a set may name, {@code 2^32 - 1}. */
    public static final long MAX = 0xFFFF_FFFFL;
    /** Most ranges in one set. */
    public static final int MAX_RANGES = 4096;
    private static final long STAR = -1;

    private final long[] lows;
    private final long[] highs;

    private SequenceSet(long[] lows, long[] highs) {
        this.lows = lows;
        this.highs = highs;
    }

    /**
     * Parses a set.
     *
     * @param text the set as the client wrote it
     * @return the set
     * @throws ImapSyntaxException if it is not a sequence set (zero, over {@link #MAX}, empty parts, too many parts)
     */
    public static SequenceSet parse(String text) throws ImapSyntaxException {
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_RANGES) {
            throw new ImapSyntaxException("Sequence set too long");
        }
        long[] lows = new long[parts.length];
        long[] highs = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int colon = part.indexOf(':');
            if (colon < 0) {
                lows[i] = number(part);
                highs[i] = lows[i];
            } else {
                lows[i] = number(part.substring(0, colon));
                highs[i] = number(part.substring(colon + 1));
            }
        }
        return new SequenceSet(lows, highs);
    }

    private static long number(String text) throws ImapSyntaxException {
        if (text.equals("*")) {
            return STAR;
        }
        if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0') {
            throw new ImapSyntaxException("Invalid sequence set");
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ImapSyntaxException("Invalid sequence set");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX) {
            throw new ImapSyntaxException("Invalid sequence set");
        }
        return n;
    }

    /**
     * Returns true if the set names {@code n}.
     *
     * @param n a number
     * @param star what {@code *} stands for (the largest number in use)
     */
    public boolean contains(long n, long star) {
        for (int i = 0; i < lows.length; i++) {
            long a = lows[i] == STAR ? star : lows[i];
            long b = highs[i] == STAR ? star : highs[i];
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** Returns true if every number of the set is at most {@code max} ({@code *} counts as {@code max}). */
    public boolean within(long max) {
        for (int i = 0; i < lows.length; i++) {
            if (lows[i] > max || highs[i] > max) {
                return false;
            }
        }
        return true;
    }

    /** Writes the set back, ranges in the order given. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < lows.length; i++) {
            String a = lows[i] == STAR ? "*" : Long.toString(lows[i]);
            String b = highs[i] == STAR ? "*" : Long.toString(highs[i]);
            parts.add(a.equals(b) && lows[i] == highs[i] ? a : a + ":" + b);
        }
        return String.join(",", parts);
    }
}
