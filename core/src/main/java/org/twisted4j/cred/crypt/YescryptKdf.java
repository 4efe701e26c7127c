package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The yescrypt key derivation function (Solar Designer's yescrypt 1.x, as libxcrypt ships it) and, as its
 * flag-less special case, Colin Percival's scrypt: PBKDF2-HMAC-SHA256 around SMix, whose BlockMix is Salsa20/8
 * for scrypt and yescrypt's pwxform (S-box lookups with 32×32-bit multiplications, then Salsa20/2) in the
 * read-write mode.
 *
 * <p>Only the flavours a {@code $y$} string can ask for and yescrypt itself computes are here: classic scrypt
 * (flags 0), the write-once mode ({@link #WORM}) and the read-write mode with the default pwxform settings
 * ({@link #RW_DEFAULTS}: 6 rounds, gather 4, simple 2, 12 KiB of S-boxes). No ROM, no hash upgrades. The caller
 * checks parameters and limits first ({@link Yescrypt}); this class trusts them.
 *
 * <p>Words are held as Java {@code int}s read little-endian from the octet strings. Inside SMix a block is kept
 * in the word order yescrypt's reference calls "SIMD-shuffled" (word {@code i} of each 64-octet sub-block moved
 * to place {@code 5i mod 16}), because pwxform reads and writes words in that order; Salsa20 undoes the shuffle
 * for its own rounds.
 */
final class YescryptKdf {

    /** The write-once, read-many mode (scrypt with yescrypt's pre- and post-hashing and time parameter). */
    static final int WORM = 1;
    /** The read-write mode. */
    static final int RW = 2;
    /** The read-write mode with pwxform's only supported settings: what libxcrypt's {@code $y$j} means. */
    static final int RW_DEFAULTS = RW | 0x004 | 0x010 | 0x020 | 0x080;
    /** Marks the cheap first pass that pre-hashes the password for large memory settings. */
    private static final int PREHASH = 0x10000000;

    /** Words of one pwxform block: gather 4 × simple 2 × 64 bits. */
    private static final int PWX_WORDS = 16;
    /** Words of one of the three S-boxes (2<sup>8</sup> × simple 2 × 64 bits). */
    private static final int SBOX_WORDS = 1024;
    /** Octets of all three S-boxes. */
    static final int SBOX_BYTES = 3 * SBOX_WORDS * 4;
    /** Selects an S-box entry (as an octet offset) from the low word of a pwxform lane. */
    private static final int SBOX_MASK = 0xff0;
    /** The S-box write position wraps at this many 64-bit entries. */
    private static final int SBOX_WRITE_WRAP = 512;
    private static final int PWX_ROUNDS = 6;

    private static final byte[] PREHASH_KEY = "yescrypt-prehash".getBytes(US_ASCII);
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(US_ASCII);

    private YescryptKdf() {
    }

    /**
     * Derives the 32-octet hash of a password.
     *
     * @param flags 0 (scrypt), {@link #WORM} or {@link #RW_DEFAULTS}
     * @param n the block count, a power of two above 1
     * @param t the time parameter, 0 for scrypt
     */
    static byte[] derive(byte[] password, byte[] salt, int flags, int n, int r, int p, int t) {
        byte[] passwd = password;
        if ((flags & RW) != 0 && n / p >= 0x100 && (long) (n / p) * r >= 0x20000) {
            passwd = body(passwd, salt, flags | PREHASH, n >> 6, r, p, 0);
        }
        return body(passwd, salt, flags, n, r, p, t);
    }

    private static byte[] body(byte[] password, byte[] salt, int flags, int n, int r, int p, int t) {
        byte[] passwd = password;
        if (flags != 0) {
            passwd = hmac(Arrays.copyOf(PREHASH_KEY, (flags & PREHASH) != 0 ? 16 : 8), passwd);
        }
        int s = 32 * r;
        int[] b = words(pbkdf2(passwd, salt, 128 * r * p));
        if (flags != 0) {
            // From here on, the password of the final PBKDF2 is the first 32 octets of B (and, in RW mode,
            // an HMAC of them).
            passwd = Arrays.copyOf(bytes(b, 0, 8), 32);
        }
        int[] v = new int[s * n];
        int[] xy = new int[2 * s];
        if ((flags & RW) != 0) {
            Pwxform[] boxes = new Pwxform[p];
            for (int i = 0; i < p; i++) {
                boxes[i] = new Pwxform();
            }
            smix(b, 0, r, n, p, t, flags, v, xy, boxes, passwd);
        } else {
            for (int i = 0; i < p; i++) {
                smix(b, i * s, r, n, 1, t, flags, v, xy, null, passwd);
            }
        }
        byte[] out = pbkdf2(passwd, bytes(b, 0, b.length), 32);
        if (flags != 0 && (flags & PREHASH) == 0) {
            // SCRAM's StoredKey = H(HMAC(SaltedPassword, "Client Key")).
            out = sha256(hmac(out, CLIENT_KEY));
        }
        return out;
    }

    /** The S-boxes of one lane of pwxform and where it writes next; word offsets into {@link #s}. */
    private static final class Pwxform {
        final int[] s = new int[3 * SBOX_WORDS];
        int s0;
        int s1;
        int s2;
        int w;
    }

    /**
     * SMix over {@code p} lanes of B from {@code off}. In RW mode each lane first fills its S-boxes with
     * scrypt's SMix1, and lane 0 then folds its state into {@code passwd} (an HMAC, in place).
     */
    private static void smix(int[] b, int off, int r, int n, int p, int t, int flags, int[] v, int[] xy,
            Pwxform[] boxes, byte[] passwd) {
        int s = 32 * r;
        boolean rw = (flags & RW) != 0;
        long nchunk = n / p;
        long nloopAll = nchunk;
        if (rw) {
            if (t <= 1) {
                if (t == 1) {
                    nloopAll *= 2;
                }
                nloopAll = (nloopAll + 2) / 3;
            } else {
                nloopAll *= t - 1;
            }
        } else if (t != 0) {
            if (t == 1) {
                nloopAll += (nloopAll + 1) / 2;
            }
            nloopAll *= t;
        }
        long nloopRw = rw ? nloopAll / p : 0;
        nchunk &= ~1L;
        nloopAll = (nloopAll + 1) & ~1L;
        nloopRw = (nloopRw + 1) & ~1L;

        long vchunk = 0;
        for (int i = 0; i < p; i++, vchunk += nchunk) {
            int np = (int) (i < p - 1 ? nchunk : n - vchunk);
            int bp = off + i * s;
            int vp = (int) (vchunk * s);
            Pwxform box = null;
            if (rw) {
                box = boxes[i];
                smix1(b, bp, 1, SBOX_BYTES / 128, 0, box.s, 0, xy, null);
                box.s2 = 0;
                box.s1 = SBOX_WORDS;
                box.s0 = 2 * SBOX_WORDS;
                box.w = 0;
                if (i == 0) {
                    byte[] mixed = hmac(bytes(b, bp + s - 16, 16), passwd);
                    System.arraycopy(mixed, 0, passwd, 0, 32);
                }
            }
            smix1(b, bp, r, np, flags, v, vp, xy, box);
            smix2(b, bp, r, Long.highestOneBit(np), nloopRw, flags, v, vp, xy, box);
        }
        for (int i = 0; i < p; i++) {
            smix2(b, off + i * s, r, n, nloopAll - nloopRw, flags & ~RW, v, 0, xy, rw ? boxes[i] : null);
        }
    }

    /** SMix's first loop: fills {@code n} blocks of V from {@code vp}, in RW mode also reading back ones made. */
    private static void smix1(int[] b, int bp, int r, int n, int flags, int[] v, int vp, int[] xy,
            Pwxform box) {
        int s = 32 * r;
        shuffleIn(b, bp, xy, s);
        for (int i = 0; i < n; i++) {
            System.arraycopy(xy, 0, v, vp + i * s, s);
            if ((flags & RW) != 0 && i > 1) {
                int top = Integer.highestOneBit(i);
                int j = (int) (integerify(xy, r) & (top - 1)) + (i - top);
                xor(xy, v, vp + j * s, s);
            }
            blockMix(xy, r, box);
        }
        shuffleOut(xy, b, bp, s);
    }

    /** SMix's second loop: {@code nloop} random reads of the first {@code n} blocks, rewritten in RW mode. */
    private static void smix2(int[] b, int bp, int r, long n, long nloop, int flags, int[] v, int vp, int[] xy,
            Pwxform box) {
        int s = 32 * r;
        shuffleIn(b, bp, xy, s);
        for (long i = 0; i < nloop; i++) {
            int j = (int) (integerify(xy, r) & (n - 1));
            int at = vp + j * s;
            xor(xy, v, at, s);
            if ((flags & RW) != 0) {
                System.arraycopy(xy, 0, v, at, s);
            }
            blockMix(xy, r, box);
        }
        shuffleOut(xy, b, bp, s);
    }

    private static void blockMix(int[] xy, int r, Pwxform box) {
        if (box == null) {
            blockMixSalsa8(xy, r);
        } else {
            blockMixPwxform(xy, r, box);
        }
    }

    /** The 64-bit little-endian value of the last sub-block's first two (unshuffled) words. */
    private static long integerify(int[] x, int r) {
        int last = (2 * r - 1) * 16;
        return ((long) x[last + 13] << 32) | (x[last] & 0xffffffffL);
    }

    private static void shuffleIn(int[] b, int bp, int[] x, int s) {
        for (int k = 0; k < s; k += 16) {
            for (int i = 0; i < 16; i++) {
                x[k + i] = b[bp + k + i * 5 % 16];
            }
        }
    }

    private static void shuffleOut(int[] x, int[] b, int bp, int s) {
        for (int k = 0; k < s; k += 16) {
            for (int i = 0; i < 16; i++) {
                b[bp + k + i * 5 % 16] = x[k + i];
            }
        }
    }

    private static void xor(int[] dst, int[] src, int from, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] ^= src[from + i];
        }
    }

    /** scrypt's BlockMix with Salsa20/8 on the 2r sub-blocks at the start of xy; the rest of xy is scratch. */
    private static void blockMixSalsa8(int[] xy, int r) {
        int s = 32 * r;
        int[] x = new int[16];
        System.arraycopy(xy, s - 16, x, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                x[k] ^= xy[i * 16 + k];
            }
            salsa(x, 0, 8);
            // Even sub-blocks go to the first half, odd ones to the second.
            int to = s + ((i & 1) == 0 ? i / 2 : r + i / 2) * 16;
            System.arraycopy(x, 0, xy, to, 16);
        }
        System.arraycopy(xy, s, xy, 0, s);
    }

    /** yescrypt's BlockMix: pwxform over 64-octet pieces, chained, then Salsa20/2 on the last. */
    private static void blockMixPwxform(int[] xy, int r, Pwxform box) {
        int pieces = 2 * r;
        int[] x = new int[PWX_WORDS];
        System.arraycopy(xy, (pieces - 1) * PWX_WORDS, x, 0, PWX_WORDS);
        for (int i = 0; i < pieces; i++) {
            if (pieces > 1) {
                for (int k = 0; k < PWX_WORDS; k++) {
                    x[k] ^= xy[i * PWX_WORDS + k];
                }
            }
            pwxform(x, box);
            System.arraycopy(x, 0, xy, i * PWX_WORDS, PWX_WORDS);
        }
        salsa(xy, (pieces - 1) * PWX_WORDS, 2);
    }

    /**
     * Six rounds over four lanes of two 64-bit values: each value becomes (high × low + S0[j]) xor S1[k], with the
     * S-box entries chosen by the lane's first value; the middle rounds also write their results into S2. The
     * boxes then rotate.
     */
    private static void pwxform(int[] x, Pwxform box) {
        int[] sb = box.s;
        int s0 = box.s0;
        int s1 = box.s1;
        int s2 = box.s2;
        int w = box.w;
        for (int round = 0; round < PWX_ROUNDS; round++) {
            boolean write = round != 0 && round != PWX_ROUNDS - 1;
            for (int lane = 0; lane < PWX_WORDS; lane += 4) {
                int p0 = s0 + ((x[lane] & SBOX_MASK) >>> 2);
                int p1 = s1 + ((x[lane + 1] & SBOX_MASK) >>> 2);
                for (int k = 0; k < 4; k += 2) {
                    long lo = x[lane + k] & 0xffffffffL;
                    long hi = x[lane + k + 1] & 0xffffffffL;
                    long a = ((long) sb[p0 + k + 1] << 32) | (sb[p0 + k] & 0xffffffffL);
                    long c = ((long) sb[p1 + k + 1] << 32) | (sb[p1 + k] & 0xffffffffL);
                    long value = (hi * lo + a) ^ c;
                    x[lane + k] = (int) value;
                    x[lane + k + 1] = (int) (value >>> 32);
                    if (write) {
                        sb[s2 + 2 * w] = (int) value;
                        sb[s2 + 2 * w + 1] = (int) (value >>> 32);
                        w++;
                    }
                }
            }
        }
        box.s0 = s2;
        box.s1 = s0;
        box.s2 = s1;
        box.w = w & (SBOX_WRITE_WRAP - 1);
    }

    /** The Salsa20 core with {@code rounds} rounds on the shuffled 16 words at {@code off}, added back in. */
    private static void salsa(int[] b, int off, int rounds) {
        int x0 = b[off];
        int x5 = b[off + 1];
        int x10 = b[off + 2];
        int x15 = b[off + 3];
        int x4 = b[off + 4];
        int x9 = b[off + 5];
        int x14 = b[off + 6];
        int x3 = b[off + 7];
        int x8 = b[off + 8];
        int x13 = b[off + 9];
        int x2 = b[off + 10];
        int x7 = b[off + 11];
        int x12 = b[off + 12];
        int x1 = b[off + 13];
        int x6 = b[off + 14];
        int x11 = b[off + 15];
        for (int i = 0; i < rounds; i += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);

            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        // The block itself is untouched by the rounds, so adding the result back reads it again.
        b[off] += x0;
        b[off + 1] += x5;
        b[off + 2] += x10;
        b[off + 3] += x15;
        b[off + 4] += x4;
        b[off + 5] += x9;
        b[off + 6] += x14;
        b[off + 7] += x3;
        b[off + 8] += x8;
        b[off + 9] += x13;
        b[off + 10] += x2;
        b[off + 11] += x7;
        b[off + 12] += x12;
        b[off + 13] += x1;
        b[off + 14] += x6;
        b[off + 15] += x11;
    }

    private static int[] words(byte[] octets) {
        int[] out = new int[octets.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (octets[4 * i] & 0xff) | (octets[4 * i + 1] & 0xff) << 8 | (octets[4 * i + 2] & 0xff) << 16
                    | (octets[4 * i + 3] & 0xff) << 24;
        }
        return out;
    }

    private static byte[] bytes(int[] words, int from, int count) {
        byte[] out = new byte[4 * count];
        for (int i = 0; i < count; i++) {
            int w = words[from + i];
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        return out;
    }

    /** PBKDF2-HMAC-SHA256 with one iteration (RFC 8018), as scrypt uses it. */
    static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        Mac mac = mac(password);
        byte[] out = new byte[length];
        for (int block = 1, at = 0; at < length; block++, at += 32) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] t = mac.doFinal();
            System.arraycopy(t, 0, out, at, Math.min(32, length - at));
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        return mac(key).doFinal(message);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty password is a legal HMAC key, but SecretKeySpec refuses empty arrays: any key of HMAC's
            // block size of zeros is equivalent.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
