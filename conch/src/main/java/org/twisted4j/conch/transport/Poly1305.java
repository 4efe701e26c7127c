package org.twisted4j.conch.transport;

/**
 * The Poly1305 one-time authenticator of RFC 8439 section 2.5, which the JDK does not offer apart from its own
 * ChaCha20-Poly1305 AEAD construction (a different framing from OpenSSH's). Written to the RFC's algorithm with
 * 26-bit limbs, so every product fits in a {@code long}; it runs in time independent of the key and message
 * contents.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class Poly1305 {
    /** The tag length in octets. */
    static final int TAG_LENGTH = 16;
    /** The key length in octets. */
    static final int KEY_LENGTH = 32;

    private static final long MASK = 0x3ffffff;

    private Poly1305() {
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    /**
     * Computes the tag of {@code length} octets of {@code message} from {@code offset} under a 32-octet one-time
     * key, writing 16 octets to {@code tag} at {@code tagOffset}.
     */
    static void mac(byte[] key, byte[] message, int offset, int length, byte[] tag, int tagOffset) {
        long r0 = le32(key, 0) & 0x3ffffff;
        long r1 = (le32(key, 3) >>> 2) & 0x3ffff03;
        long r2 = (le32(key, 6) >>> 4) & 0x3ffc0ff;
        long r3 = (le32(key, 9) >>> 6) & 0x3f03fff;
        long r4 = (le32(key, 12) >>> 8) & 0x00fffff;
        long s1 = r1 * 5;
        long s2 = r2 * 5;
        long s3 = r3 * 5;
        long s4 = r4 * 5;
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        long h4 = 0;
        byte[] block = new byte[17];
        int at = offset;
        int left = length;
        while (left > 0) {
            byte[] b;
            int p;
            long hibit;
            if (left >= 16) {
                b = message;
                p = at;
                hibit = 1L << 24;
                at += 16;
                left -= 16;
            } else {
                java.util.Arrays.fill(block, (byte) 0);
                System.arraycopy(message, at, block, 0, left);
                block[left] = 1;
                b = block;
                p = 0;
                hibit = 0;
                left = 0;
            }
            h0 += le32(b, p) & MASK;
            h1 += (le32(b, p + 3) >>> 2) & MASK;
            h2 += (le32(b, p + 6) >>> 4) & MASK;
            h3 += (le32(b, p + 9) >>> 6) & MASK;
            h4 += (le32(b, p + 12) >>> 8) | hibit;
            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            long c = d0 >>> 26;
            h0 = d0 & MASK;
            d1 += c;
            c = d1 >>> 26;
            h1 = d1 & MASK;
            d2 += c;
            c = d2 >>> 26;
            h2 = d2 & MASK;
            d3 += c;
            c = d3 >>> 26;
            h3 = d3 & MASK;
            d4 += c;
            c = d4 >>> 26;
            h4 = d4 & MASK;
            h0 += c * 5;
            c = h0 >>> 26;
            h0 &= MASK;
            h1 += c;
        }
        long c = h1 >>> 26;
        h1 &= MASK;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK;
        h1 += c;
        // g = h - p, chosen when h >= p, without a branch on secret data.
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK;
        long g4 = h4 + c - (1L << 26);
        long keepH = g4 >> 63;
        h0 = (h0 & keepH) | (g0 & ~keepH);
        h1 = (h1 & keepH) | (g1 & ~keepH);
        h2 = (h2 & keepH) | (g2 & ~keepH);
        h3 = (h3 & keepH) | (g3 & ~keepH);
        h4 = (h4 & keepH) | (g4 & MASK & ~keepH);
        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;
        long f = w0 + le32(key, 16);
        putLe32(tag, tagOffset, f);
        f = w1 + le32(key, 20) + (f >>> 32);
        putLe32(tag, tagOffset + 4, f);
        f = w2 + le32(key, 24) + (f >>> 32);
        putLe32(tag, tagOffset + 8, f);
        f = w3 + le32(key, 28) + (f >>> 32);
        putLe32(tag, tagOffset + 12, f);
    }

    private static void putLe32(byte[] b, int i, long v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
