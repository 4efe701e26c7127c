package org.twisted4j.spread.banana;

import java.math.BigInteger;

/** The type bytes of Banana's wire format, and the number helpers encoder and decoder share. */
final class Wire {

    static final int LIST = 0x80;
    static final int INT = 0x81;
    static final int STRING = 0x82;
    static final int NEG = 0x83;
    static final int FLOAT = 0x84;
    static final int LONGINT = 0x85;
    static final int LONGNEG = 0x86;
    static final int VOCAB = 0x87;

    /** The largest value of the small {@code INT} type; larger ones go as {@code LONGINT}. */
    static final long LARGEST_INT = Integer.MAX_VALUE;
    /** The smallest value of the small {@code NEG} type; smaller ones go as {@code LONGNEG}. */
    static final long SMALLEST_INT = Integer.MIN_VALUE;

    private Wire() {
    }

    /** Returns {@code value} as a Long if it fits in one, else as it is. */
    static Number normalize(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }
}
