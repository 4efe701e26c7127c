package org.twisted4j.web.http2;

import java.util.Arrays;

/**
 * The static Huffman code of RFC 7541 Appendix B for HPACK string literals: encoding, its length, and decoding
 * with the checks of §5.2 (padding of at most 7 bits, all ones; the EOS symbol never appears).
 */
final class HpackHuffman {
    /** Symbol 256, end of string: its code prefixes the padding and must never be decoded. */
    static final int EOS = 256;

    /**
     * Appendix B as data: for each symbol 0..256, in order, its code (aligned to the least significant bit) and
     * its length in bits. The comment gives the first symbol of each row.
     */
    private static final int[] CODE_AND_LENGTH = {
            0x1ff8, 13, 0x7fffd8, 23, 0xfffffe2, 28, 0xfffffe3, 28, // 0
            0xfffffe4, 28, 0xfffffe5, 28, 0xfffffe6, 28, 0xfffffe7, 28, // 4
            0xfffffe8, 28, 0xffffea, 24, 0x3ffffffc, 30, 0xfffffe9, 28, // 8
            0xfffffea, 28, 0x3ffffffd, 30, 0xfffffeb, 28, 0xfffffec, 28, // 12
            0xfffffed, 28, 0xfffffee, 28, 0xfffffef, 28, 0xffffff0, 28, // 16
            0xffffff1, 28, 0xffffff2, 28, 0x3ffffffe, 30, 0xffffff3, 28, // 20
            0xffffff4, 28, 0xffffff5, 28, 0xffffff6, 28, 0xffffff7, 28, // 24
            0xffffff8, 28, 0xffffff9, 28, 0xffffffa, 28, 0xffffffb, 28, // 28
            0x14, 6, 0x3f8, 10, 0x3f9, 10, 0xffa, 12, // 32
            0x1ff9, 13, 0x15, 6, 0xf8, 8, 0x7fa, 11, // 36
            0x3fa, 10, 0x3fb, 10, 0xf9, 8, 0x7fb, 11, // 40
            0xfa, 8, 0x16, 6, 0x17, 6, 0x18, 6, // 44
            0x0, 5, 0x1, 5, 0x2, 5, 0x19, 6, // 48
            0x1a, 6, 0x1b, 6, 0x1c, 6, 0x1d, 6, // 52
            0x1e, 6, 0x1f, 6, 0x5c, 7, 0xfb, 8, // 56
            0x7ffc, 15, 0x20, 6, 0xffb, 12, 0x3fc, 10, // 60
            0x1ffa, 13, 0x21, 6, 0x5d, 7, 0x5e, 7, // 64
            0x5f, 7, 0x60, 7, 0x61, 7, 0x62, 7, // 68
            0x63, 7, 0x64, 7, 0x65, 7, 0x66, 7, // 72
            0x67, 7, 0x68, 7, 0x69, 7, 0x6a, 7, // 76
            0x6b, 7, 0x6c, 7, 0x6d, 7, 0x6e, 7, // 80
            0x6f, 7, 0x70, 7, 0x71, 7, 0x72, 7, // 84
            0xfc, 8, 0x73, 7, 0xfd, 8, 0x1ffb, 13, // 88
            0x7fff0, 19, 0x1ffc, 13, 0x3ffc, 14, 0x22, 6, // 92
            0x7ffd, 15, 0x3, 5, 0x23, 6, 0x4, 5, // 96
            0x24, 6, 0x5, 5, 0x25, 6, 0x26, 6, // 100
            0x27, 6, 0x6, 5, 0x74, 7, 0x75, 7, // 104
            0x28, 6, 0x29, 6, 0x2a, 6, 0x7, 5, // 108
            0x2b, 6, 0x76, 7, 0x2c, 6, 0x8, 5, // 112
            0x9, 5, 0x2d, 6, 0x77, 7, 0x78, 7, // 116
            0x79, 7, 0x7a, 7, 0x7b, 7, 0x7ffe, 15, // 120
            0x7fc, 11, 0x3ffd, 14, 0x1ffd, 13, 0xffffffc, 28, // 124
            0xfffe6, 20, 0x3fffd2, 22, 0xfffe7, 20, 0xfffe8, 20, // 128
            0x3fffd3, 22, 0x3fffd4, 22, 0x3fffd5, 22, 0x7fffd9, 23, // 132
            0x3fffd6, 22, 0x7fffda, 23, 0x7fffdb, 23, 0x7fffdc, 23, // 136
            0x7fffdd, 23, 0x7fffde, 23, 0xffffeb, 24, 0x7fffdf, 23, // 140
            0xffffec, 24, 0xffffed, 24, 0x3fffd7, 22, 0x7fffe0, 23, // 144
            0xffffee, 24, 0x7fffe1, 23, 0x7fffe2, 23, 0x7fffe3, 23, // 148
            0x7fffe4, 23, 0x1fffdc, 21, 0x3fffd8, 22, 0x7fffe5, 23, // 152
            0x3fffd9, 22, 0x7fffe6, 23, 0x7fffe7, 23, 0xffffef, 24, // 156
            0x3fffda, 22, 0x1fffdd, 21, 0xfffe9, 20, 0x3fffdb, 22, // 160
            0x3fffdc, 22, 0x7fffe8, 23, 0x7fffe9, 23, 0x1fffde, 21, // 164
            0x7fffea, 23, 0x3fffdd, 22, 0x3fffde, 22, 0xfffff0, 24, // 168
            0x1fffdf, 21, 0x3fffdf, 22, 0x7fffeb, 23, 0x7fffec, 23, // 172
            0x1fffe0, 21, 0x1fffe1, 21, 0x3fffe0, 22, 0x1fffe2, 21, // 176
            0x7fffed, 23, 0x3fffe1, 22, 0x7fffee, 23, 0x7fffef, 23, // 180
            0xfffea, 20, 0x3fffe2, 22, 0x3fffe3, 22, 0x3fffe4, 22, // 184
            0x7ffff0, 23, 0x3fffe5, 22, 0x3fffe6, 22, 0x7ffff1, 23, // 188
            0x3ffffe0, 26, 0x3ffffe1, 26, 0xfffeb, 20, 0x7fff1, 19, // 192
            0x3fffe7, 22, 0x7ffff2, 23, 0x3fffe8, 22, 0x1ffffec, 25, // 196
            0x3ffffe2, 26, 0x3ffffe3, 26, 0x3ffffe4, 26, 0x7ffffde, 27, // 200
            0x7ffffdf, 27, 0x3ffffe5, 26, 0xfffff1, 24, 0x1ffffed, 25, // 204
            0x7fff2, 19, 0x1fffe3, 21, 0x3ffffe6, 26, 0x7ffffe0, 27, // 208
            0x7ffffe1, 27, 0x3ffffe7, 26, 0x7ffffe2, 27, 0xfffff2, 24, // 212
            0x1fffe4, 21, 0x1fffe5, 21, 0x3ffffe8, 26, 0x3ffffe9, 26, // 216
            0xffffffd, 28, 0x7ffffe3, 27, 0x7ffffe4, 27, 0x7ffffe5, 27, // 220
            0xfffec, 20, 0xfffff3, 24, 0xfffed, 20, 0x1fffe6, 21, // 224
            0x3fffe9, 22, 0x1fffe7, 21, 0x1fffe8, 21, 0x7ffff3, 23, // 228
            0x3fffea, 22, 0x3fffeb, 22, 0x1ffffee, 25, 0x1ffffef, 25, // 232
            0xfffff4, 24, 0xfffff5, 24, 0x3ffffea, 26, 0x7ffff4, 23, // 236
            0x3ffffeb, 26, 0x7ffffe6, 27, 0x3ffffec, 26, 0x3ffffed, 26, // 240
            0x7ffffe7, 27, 0x7ffffe8, 27, 0x7ffffe9, 27, 0x7ffffea, 27, // 244
            0x7ffffeb, 27, 0xffffffe, 28, 0x7ffffec, 27, 0x7ffffed, 27, // 248
            0x7ffffee, 27, 0x7ffffef, 27, 0x7fffff0, 27, 0x3ffffee, 26, // 252
            0x3fffffff, 30, // 256
    };

    private static final int[] CODES = new int[257];
    private static final byte[] LENGTHS = new byte[257];

    /**
     * The decoding trie: node {@code n} has children {@code CHILDREN[2n]} (bit 0) and {@code CHILDREN[2n + 1]}
     * (bit 1); a child {@code >= 0} is an inner node, {@code -1 - symbol} is a leaf, and {@code 0} (the root,
     * never a child) marks no code.
     */
    private static final int[] CHILDREN;

    static {
        for (int symbol = 0; symbol <= EOS; symbol++) {
            CODES[symbol] = CODE_AND_LENGTH[2 * symbol];
            LENGTHS[symbol] = (byte) CODE_AND_LENGTH[2 * symbol + 1];
        }
        int[] children = new int[2 * 2 * (EOS + 1)];
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int node = 0;
            for (int bit = LENGTHS[symbol] - 1; bit >= 0; bit--) {
                int slot = 2 * node + ((CODES[symbol] >>> bit) & 1);
                if (bit == 0) {
                    children[slot] = -1 - symbol;
                } else {
                    if (children[slot] == 0) {
                        children[slot] = nodes++;
                    }
                    node = children[slot];
                }
            }
        }
        CHILDREN = children;
    }

    private HpackHuffman() {
    }

    /** Returns the code of {@code symbol} (0..256), aligned to the least significant bit. */
    static int code(int symbol) {
        return CODES[symbol];
    }

    /** Returns the length in bits of the code of {@code symbol} (0..256). */
    static int length(int symbol) {
        return LENGTHS[symbol];
    }

    /** Returns how many octets {@code data} takes Huffman-coded, padding included. */
    static int encodedLength(byte[] data) {
        long bits = 0;
        for (byte b : data) {
            bits += LENGTHS[b & 0xff];
        }
        return (int) ((bits + 7) >>> 3);
    }

    /** Appends the Huffman coding of {@code data} to {@code out}, padded with ones to an octet boundary. */
    static void encode(byte[] data, HpackOutput out) {
        long pending = 0;
        int pendingBits = 0;
        for (byte b : data) {
            int symbol = b & 0xff;
            pending = (pending << LENGTHS[symbol]) | CODES[symbol];
            pendingBits += LENGTHS[symbol];
            while (pendingBits >= 8) {
                pendingBits -= 8;
                out.write((int) (pending >>> pendingBits));
            }
        }
        if (pendingBits > 0) {
            out.write((int) ((pending << (8 - pendingBits)) | (0xff >>> pendingBits)));
        }
    }

    /**
     * Decodes {@code length} Huffman-coded octets of {@code src} from {@code offset}.
     *
     * @throws Http2Exception COMPRESSION_ERROR if the coding holds the EOS symbol, padding longer than 7 bits,
     *     or padding that is not the prefix of EOS
     */
    static byte[] decode(byte[] src, int offset, int length) {
        byte[] out = new byte[length * 8 / 5 + 1];
        int written = 0;
        int node = 0;
        int bitsSinceSymbol = 0;
        boolean allOnes = true;
        for (int i = offset; i < offset + length; i++) {
            int octet = src[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                int one = (octet >>> bit) & 1;
                int child = CHILDREN[2 * node + one];
                bitsSinceSymbol++;
                allOnes &= one == 1;
                if (child < 0) {
                    int symbol = -1 - child;
                    if (symbol == EOS) {
                        throw Http2Exception.compression("Huffman-coded string holds the EOS symbol");
                    }
                    out[written++] = (byte) symbol;
                    node = 0;
                    bitsSinceSymbol = 0;
                    allOnes = true;
                } else {
                    node = child;
                }
            }
        }
        if (bitsSinceSymbol > 7) {
            throw Http2Exception.compression("Huffman-coded string has more than 7 bits of padding");
        }
        if (!allOnes) {
            throw Http2Exception.compression("Huffman-coded string is padded with something else than ones");
        }
        return Arrays.copyOf(out, written);
    }
}
