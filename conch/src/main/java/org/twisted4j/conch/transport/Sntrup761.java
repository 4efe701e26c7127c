package org.twisted4j.conch.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Streamlined NTRU Prime 761 ({@code sntrup761}), the key encapsulation mechanism of the NTRU Prime round-3
 * submission to NIST with parameters p = 761, q = 4591, w = 286, as OpenSSH's
 * {@code sntrup761x25519-sha512@openssh.com} uses it (draft-josefsson-ntruprime-ssh): key generation,
 * encapsulation and decapsulation with the submission's encodings, so public keys (1158 octets), ciphertexts
 * (1039 octets, the rounded polynomial and the 32-octet confirmation hash) and the 32-octet shared keys are the
 * ones other implementations make.
 *
 * <pre>{@code
 * Sntrup761.KeyPair pair = Sntrup761.generate(random);
 * Sntrup761.Encapsulated e = Sntrup761.encapsulate(pair.publicKey(), random);   // the peer
 * byte[] key = Sntrup761.decapsulate(e.ciphertext(), pair.secretKey());           // equals e.sharedKey()
 * }</pre>
 *
 * <h2>Constant time</h2>
 * The operations on secret data follow the reference implementation's data-independent control flow: reductions
 * by multiplication instead of division, reciprocals by a fixed number of divstep iterations with masked swaps,
 * the short polynomial drawn by a sorting network (Batcher's merge exchange) rather than a data-dependent sort,
 * the weight check and the implicit rejection in decapsulation by masks. Whether the JIT keeps every one of
 * those free of branches is beyond what Java can promise.
 *
 * <h2>Threading</h2>
 * Any thread (no shared state; the random source given is used as it allows).
 */
final class Sntrup761 {
    static final int P = 761;
    static final int Q = 4591;
    static final int W = 286;
    private static final int Q12 = (Q - 1) / 2;
    /** Octets of a small polynomial: four coefficients per octet. */
    private static final int SMALL_BYTES = (P + 3) / 4;
    /** Octets of the encoded public key polynomial. */
    static final int PUBLIC_KEY_BYTES = 1158;
    /** Octets of the encoded rounded polynomial. */
    private static final int ROUNDED_BYTES = 1007;
    private static final int HASH_BYTES = 32;
    /** Octets of a ciphertext: the rounded polynomial, then the confirmation hash. */
    static final int CIPHERTEXT_BYTES = ROUNDED_BYTES + HASH_BYTES;
    /** Octets of a secret key: f, 1/g, the public key, rho, and the public key's hash. */
    static final int SECRET_KEY_BYTES = 2 * SMALL_BYTES + PUBLIC_KEY_BYTES + SMALL_BYTES + HASH_BYTES;
    /** Octets of a shared key. */
    static final int SHARED_KEY_BYTES = 32;

    /** A key pair in the submission's encodings. */
    record KeyPair(byte[] publicKey, byte[] secretKey) {
    }

    /** What encapsulation gives: the ciphertext for the key's owner and the shared key. */
    record Encapsulated(byte[] ciphertext, byte[] sharedKey) {
    }

    private Sntrup761() {
    }

    // ---- arithmetic without division on secret values (the reference's uint32_divmod_uint14) ----

    /** Returns x mod m and x / m for 0 &lt;= x &lt; 2^32 (x held in a long), m &lt; 2^14 public. */
    private static long divmod(long x, int m, long[] quotient) {
        long v = 0x80000000L / m;
        long q = 0;
        long qpart = (x * v) >>> 31;
        x = (x - qpart * m) & 0xffffffffL;
        q += qpart;
        qpart = (x * v) >>> 31;
        x = (x - qpart * m) & 0xffffffffL;
        q += qpart;
        x = (x - m) & 0xffffffffL;
        q += 1;
        long mask = -(x >>> 31);
        x = (x + (mask & m)) & 0xffffffffL;
        q += mask;
        if (quotient != null) {
            quotient[0] = q & 0xffffffffL;
        }
        return x;
    }

    /** Returns x mod m in [0, m) for any int x, m &lt; 2^14. */
    private static int mod(int x, int m) {
        long r = divmod((0x80000000L + x) & 0xffffffffL, m, null);
        long r2 = divmod(0x80000000L, m, null);
        int ur = (int) ((r - r2) & 0xffff);
        int mask = -(ur >>> 15);
        return (ur + (mask & m)) & 0xffff;
    }

    /** Reduces into {-1, 0, 1}. */
    private static int f3Freeze(int x) {
        return mod(x + 1, 3) - 1;
    }

    /** Reduces into [-(q-1)/2, (q-1)/2]. */
    private static int fqFreeze(int x) {
        return mod(x + Q12, Q) - Q12;
    }

    private static int fqRecip(int a) {
        int ai = a;
        for (int i = 1; i < Q - 2; i++) {
            ai = fqFreeze(a * ai);
        }
        return ai;
    }

    /** -1 if x != 0, else 0. */
    private static int nonzeroMask(int x) {
        return (x | -x) >> 31;
    }

    /** -1 if x &lt; 0, else 0. */
    private static int negativeMask(int x) {
        return x >> 31;
    }

    // ---- polynomials mod x^p - x - 1 ----

    /** h = f * g in R/3. */
    private static void r3Mult(byte[] h, byte[] f, byte[] g) {
        int[] fg = new int[P + P - 1];
        for (int i = 0; i < P; i++) {
            int result = 0;
            for (int j = 0; j <= i; j++) {
                result = f3Freeze(result + f[j] * g[i - j]);
            }
            fg[i] = result;
        }
        for (int i = P; i < P + P - 1; i++) {
            int result = 0;
            for (int j = i - P + 1; j < P; j++) {
                result = f3Freeze(result + f[j] * g[i - j]);
            }
            fg[i] = result;
        }
        for (int i = P + P - 2; i >= P; i--) {
            fg[i - P] = f3Freeze(fg[i - P] + fg[i]);
            fg[i - P + 1] = f3Freeze(fg[i - P + 1] + fg[i]);
        }
        for (int i = 0; i < P; i++) {
            h[i] = (byte) fg[i];
        }
    }

    /** out = 1/in in R/3; returns 0 if the reciprocal exists, else -1. */
    private static int r3Recip(byte[] out, byte[] in) {
        int[] f = new int[P + 1];
        int[] g = new int[P + 1];
        int[] v = new int[P + 1];
        int[] r = new int[P + 1];
        r[0] = 1;
        f[0] = 1;
        f[P - 1] = -1;
        f[P] = -1;
        for (int i = 0; i < P; i++) {
            g[P - 1 - i] = in[i];
        }
        int delta = 1;
        for (int loop = 0; loop < 2 * P - 1; loop++) {
            System.arraycopy(v, 0, v, 1, P);
            v[0] = 0;
            int sign = -g[0] * f[0];
            int swap = negativeMask(-delta) & nonzeroMask(g[0]);
            delta ^= swap & (delta ^ -delta);
            delta += 1;
            for (int i = 0; i < P + 1; i++) {
                int t = swap & (f[i] ^ g[i]);
                f[i] ^= t;
                g[i] ^= t;
                t = swap & (v[i] ^ r[i]);
                v[i] ^= t;
                r[i] ^= t;
            }
            for (int i = 0; i < P + 1; i++) {
                g[i] = f3Freeze(g[i] + sign * f[i]);
                r[i] = f3Freeze(r[i] + sign * v[i]);
            }
            System.arraycopy(g, 1, g, 0, P);
            g[P] = 0;
        }
        int sign = f[0];
        for (int i = 0; i < P; i++) {
            out[i] = (byte) (sign * v[P - 1 - i]);
        }
        return nonzeroMask(delta);
    }

    /** h = f * g in R/q, g small. */
    private static void rqMultSmall(int[] h, int[] f, byte[] g) {
        int[] fg = new int[P + P - 1];
        for (int i = 0; i < P; i++) {
            int result = 0;
            for (int j = 0; j <= i; j++) {
                result = fqFreeze(result + f[j] * g[i - j]);
            }
            fg[i] = result;
        }
        for (int i = P; i < P + P - 1; i++) {
            int result = 0;
            for (int j = i - P + 1; j < P; j++) {
                result = fqFreeze(result + f[j] * g[i - j]);
            }
            fg[i] = result;
        }
        for (int i = P + P - 2; i >= P; i--) {
            fg[i - P] = fqFreeze(fg[i - P] + fg[i]);
            fg[i - P + 1] = fqFreeze(fg[i - P + 1] + fg[i]);
        }
        System.arraycopy(fg, 0, h, 0, P);
    }

    /** out = 1/(3 * in) in R/q; always exists for a short in. */
    private static void rqRecip3(int[] out, byte[] in) {
        int[] f = new int[P + 1];
        int[] g = new int[P + 1];
        int[] v = new int[P + 1];
        int[] r = new int[P + 1];
        r[0] = fqRecip(3);
        f[0] = 1;
        f[P - 1] = -1;
        f[P] = -1;
        for (int i = 0; i < P; i++) {
            g[P - 1 - i] = in[i];
        }
        int delta = 1;
        for (int loop = 0; loop < 2 * P - 1; loop++) {
            System.arraycopy(v, 0, v, 1, P);
            v[0] = 0;
            int swap = negativeMask(-delta) & nonzeroMask(g[0]);
            delta ^= swap & (delta ^ -delta);
            delta += 1;
            for (int i = 0; i < P + 1; i++) {
                int t = swap & (f[i] ^ g[i]);
                f[i] ^= t;
                g[i] ^= t;
                t = swap & (v[i] ^ r[i]);
                v[i] ^= t;
                r[i] ^= t;
            }
            int f0 = f[0];
            int g0 = g[0];
            for (int i = 0; i < P + 1; i++) {
                g[i] = fqFreeze(f0 * g[i] - g0 * f[i]);
                r[i] = fqFreeze(f0 * r[i] - g0 * v[i]);
            }
            System.arraycopy(g, 1, g, 0, P);
            g[P] = 0;
        }
        int scale = fqRecip(f[0]);
        for (int i = 0; i < P; i++) {
            out[i] = fqFreeze(scale * v[P - 1 - i]);
        }
    }

    // ---- randomness and short polynomials ----

    private static long urandom32(SecureRandom random) {
        return random.nextInt() & 0xffffffffL;
    }

    /** A random short polynomial: exactly w nonzero coefficients, each +-1, placed by a sorting network. */
    private static byte[] shortRandom(SecureRandom random) {
        long[] list = new long[P];
        for (int i = 0; i < P; i++) {
            list[i] = urandom32(random);
        }
        for (int i = 0; i < W; i++) {
            list[i] &= 0xfffffffeL;
        }
        for (int i = W; i < P; i++) {
            list[i] = (list[i] & 0xfffffffdL) | 1;
        }
        sort(list);
        byte[] out = new byte[P];
        for (int i = 0; i < P; i++) {
            out[i] = (byte) ((list[i] & 3) - 1);
        }
        return out;
    }

    /** Batcher's merge exchange (Knuth 5.2.2 algorithm M): the comparisons depend only on the length. */
    private static void sort(long[] x) {
        int n = x.length;
        int t = 32 - Integer.numberOfLeadingZeros(n - 1);
        for (int p = 1 << (t - 1); p > 0; p >>= 1) {
            int q = 1 << (t - 1);
            int r = 0;
            int d = p;
            while (d > 0) {
                for (int i = 0; i < n - d; i++) {
                    if ((i & p) == r) {
                        long a = x[i];
                        long b = x[i + d];
                        long swap = (b - a) >> 63;   // all ones when b < a (both below 2^32)
                        long diff = (a ^ b) & swap;
                        x[i] = a ^ diff;
                        x[i + d] = b ^ diff;
                    }
                }
                d = q - p;
                q >>= 1;
                r = p;
            }
        }
    }

    private static byte[] smallRandom(SecureRandom random) {
        byte[] out = new byte[P];
        for (int i = 0; i < P; i++) {
            out[i] = (byte) ((((urandom32(random) & 0x3fffffffL) * 3) >>> 30) - 1);
        }
        return out;
    }

    // ---- encodings ----

    private static void smallEncode(byte[] s, int at, byte[] f) {
        int k = 0;
        for (int i = 0; i < P / 4; i++) {
            int x = f[k++] + 1;
            x += (f[k++] + 1) << 2;
            x += (f[k++] + 1) << 4;
            x += (f[k++] + 1) << 6;
            s[at++] = (byte) x;
        }
        s[at] = (byte) (f[k] + 1);
    }

    private static byte[] smallDecode(byte[] s, int at) {
        byte[] f = new byte[P];
        int k = 0;
        for (int i = 0; i < P / 4; i++) {
            int x = s[at++] & 0xff;
            f[k++] = (byte) ((x & 3) - 1);
            x >>>= 2;
            f[k++] = (byte) ((x & 3) - 1);
            x >>>= 2;
            f[k++] = (byte) ((x & 3) - 1);
            x >>>= 2;
            f[k++] = (byte) ((x & 3) - 1);
        }
        f[k] = (byte) ((s[at] & 3) - 1);
        return f;
    }

    /** The submission's Encode: a radix encoding of values r[i] &lt; m[i], written into out from at. */
    private static int encode(byte[] out, int at, int[] r, int[] m, int len) {
        if (len == 1) {
            int rr = r[0];
            int mm = m[0];
            while (mm > 1) {
                out[at++] = (byte) rr;
                rr >>>= 8;
                mm = (mm + 255) >>> 8;
            }
            return at;
        }
        int half = (len + 1) / 2;
        int[] r2 = new int[half];
        int[] m2 = new int[half];
        int i;
        for (i = 0; i < len - 1; i += 2) {
            long m0 = m[i];
            long rr = r[i] + r[i + 1] * m0;
            long mm = m[i + 1] * m0;
            while (mm >= 16384) {
                out[at++] = (byte) rr;
                rr >>>= 8;
                mm = (mm + 255) >>> 8;
            }
            r2[i / 2] = (int) rr;
            m2[i / 2] = (int) mm;
        }
        if (i < len) {
            r2[i / 2] = r[i];
            m2[i / 2] = m[i];
        }
        return encode(out, at, r2, m2, half);
    }

    /** The submission's Decode, the inverse of {@link #encode}; any octets decode to values below m[i]. */
    private static int decode(int[] out, int outAt, byte[] s, int at, int[] m, int len) {
        if (len == 1) {
            if (m[0] == 1) {
                out[outAt] = 0;
            } else if (m[0] <= 256) {
                out[outAt] = (int) divmod(s[at] & 0xff, m[0], null);
            } else {
                out[outAt] = (int) divmod((s[at] & 0xff) + ((s[at + 1] & 0xff) << 8), m[0], null);
            }
            return outAt + 1;
        }
        int half = (len + 1) / 2;
        int[] r2 = new int[half];
        int[] m2 = new int[half];
        int[] bottomr = new int[len / 2];
        long[] bottomt = new long[len / 2];
        int i;
        for (i = 0; i < len - 1; i += 2) {
            long mm = (long) m[i] * m[i + 1];
            if (mm > 256 * 16383) {
                bottomt[i / 2] = 256 * 256;
                bottomr[i / 2] = (s[at] & 0xff) + 256 * (s[at + 1] & 0xff);
                at += 2;
                m2[i / 2] = (int) ((((mm + 255) >>> 8) + 255) >>> 8);
            } else if (mm >= 16384) {
                bottomt[i / 2] = 256;
                bottomr[i / 2] = s[at] & 0xff;
                at += 1;
                m2[i / 2] = (int) ((mm + 255) >>> 8);
            } else {
                bottomt[i / 2] = 1;
                bottomr[i / 2] = 0;
                m2[i / 2] = (int) mm;
            }
        }
        if (i < len) {
            m2[i / 2] = m[i];
        }
        decode(r2, 0, s, at, m2, half);
        long[] quotient = new long[1];
        for (i = 0; i < len - 1; i += 2) {
            long rr = (bottomr[i / 2] + bottomt[i / 2] * r2[i / 2]) & 0xffffffffL;
            long r0 = divmod(rr, m[i], quotient);
            long r1 = divmod(quotient[0], m[i + 1], null);
            out[outAt++] = (int) r0;
            out[outAt++] = (int) r1;
        }
        if (i < len) {
            out[outAt++] = r2[i / 2];
        }
        return outAt;
    }

    private static byte[] rqEncode(int[] h) {
        int[] r = new int[P];
        int[] m = new int[P];
        for (int i = 0; i < P; i++) {
            r[i] = h[i] + Q12;
            m[i] = Q;
        }
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        encode(out, 0, r, m, P);
        return out;
    }

    private static int[] rqDecode(byte[] s, int at) {
        int[] m = new int[P];
        Arrays.fill(m, Q);
        int[] r = new int[P];
        decode(r, 0, s, at, m, P);
        for (int i = 0; i < P; i++) {
            r[i] -= Q12;
        }
        return r;
    }

    private static void roundedEncode(byte[] out, int[] c) {
        int[] r = new int[P];
        int[] m = new int[P];
        for (int i = 0; i < P; i++) {
            r[i] = ((c[i] + Q12) * 10923) >>> 15;
            m[i] = (Q + 2) / 3;
        }
        encode(out, 0, r, m, P);
    }

    private static int[] roundedDecode(byte[] s) {
        int[] m = new int[P];
        Arrays.fill(m, (Q + 2) / 3);
        int[] r = new int[P];
        decode(r, 0, s, 0, m, P);
        for (int i = 0; i < P; i++) {
            r[i] = r[i] * 3 - Q12;
        }
        return r;
    }

    // ---- hashes ----

    private static byte[] hashPrefix(int prefix, byte[]... parts) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update((byte) prefix);
            for (byte[] part : parts) {
                sha512.update(part);
            }
            return Arrays.copyOf(sha512.digest(), HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hashConfirm(byte[] rEncoded, byte[] publicKeyHash) {
        return hashPrefix(2, hashPrefix(3, rEncoded), publicKeyHash);
    }

    private static byte[] hashSession(int b, byte[] rEncoded, byte[] ciphertext) {
        return hashPrefix(b, hashPrefix(3, rEncoded), ciphertext);
    }

    // ---- the KEM ----

    /** Generates a key pair. */
    static KeyPair generate(SecureRandom random) {
        byte[] g;
        byte[] gInverse = new byte[P];
        do {
            g = smallRandom(random);
        } while (r3Recip(gInverse, g) != 0);
        byte[] f = shortRandom(random);
        int[] fInverse = new int[P];
        rqRecip3(fInverse, f);
        int[] h = new int[P];
        rqMultSmall(h, fInverse, g);
        byte[] publicKey = rqEncode(h);
        byte[] secretKey = new byte[SECRET_KEY_BYTES];
        smallEncode(secretKey, 0, f);
        smallEncode(secretKey, SMALL_BYTES, gInverse);
        System.arraycopy(publicKey, 0, secretKey, 2 * SMALL_BYTES, PUBLIC_KEY_BYTES);
        byte[] rho = new byte[SMALL_BYTES];
        random.nextBytes(rho);
        System.arraycopy(rho, 0, secretKey, 2 * SMALL_BYTES + PUBLIC_KEY_BYTES, SMALL_BYTES);
        System.arraycopy(hashPrefix(4, publicKey), 0, secretKey, 3 * SMALL_BYTES + PUBLIC_KEY_BYTES, HASH_BYTES);
        return new KeyPair(publicKey, secretKey);
    }

    /** The ciphertext of r under the public key: the rounded h*r, then the confirmation hash. */
    private static byte[] hide(byte[] r, byte[] rEncoded, int[] h, byte[] publicKeyHash) {
        int[] hr = new int[P];
        rqMultSmall(hr, h, r);
        for (int i = 0; i < P; i++) {
            hr[i] = hr[i] - f3Freeze(hr[i]);
        }
        byte[] c = new byte[CIPHERTEXT_BYTES];
        roundedEncode(c, hr);
        System.arraycopy(hashConfirm(rEncoded, publicKeyHash), 0, c, ROUNDED_BYTES, HASH_BYTES);
        return c;
    }

    /**
     * Encapsulates a fresh shared key to a public key.
     *
     * @throws IllegalArgumentException if the public key is not {@link #PUBLIC_KEY_BYTES} octets
     */
    static Encapsulated encapsulate(byte[] publicKey, SecureRandom random) {
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("sntrup761 public key of " + publicKey.length + " octets");
        }
        byte[] r = shortRandom(random);
        byte[] rEncoded = new byte[SMALL_BYTES];
        smallEncode(rEncoded, 0, r);
        byte[] c = hide(r, rEncoded, rqDecode(publicKey, 0), hashPrefix(4, publicKey));
        return new Encapsulated(c, hashSession(1, rEncoded, c));
    }

    /**
     * Decapsulates: the shared key the ciphertext carries, or, for a ciphertext that is not one this key's
     * public half gives, a pseudo-random key from the secret rho (implicit rejection), alike in time.
     *
     * @throws IllegalArgumentException if the ciphertext or the secret key has the wrong length
     */
    static byte[] decapsulate(byte[] ciphertext, byte[] secretKey) {
        if (ciphertext.length != CIPHERTEXT_BYTES || secretKey.length != SECRET_KEY_BYTES) {
            throw new IllegalArgumentException("sntrup761 ciphertext or secret key of the wrong length");
        }
        byte[] f = smallDecode(secretKey, 0);
        byte[] gInverse = smallDecode(secretKey, SMALL_BYTES);
        int pkAt = 2 * SMALL_BYTES;
        int rhoAt = pkAt + PUBLIC_KEY_BYTES;
        int cacheAt = rhoAt + SMALL_BYTES;
        int[] c = roundedDecode(ciphertext);
        int[] cf = new int[P];
        rqMultSmall(cf, c, f);
        byte[] e = new byte[P];
        for (int i = 0; i < P; i++) {
            e[i] = (byte) f3Freeze(fqFreeze(3 * cf[i]));
        }
        byte[] ev = new byte[P];
        r3Mult(ev, e, gInverse);
        int weight = 0;
        for (int i = 0; i < P; i++) {
            weight += ev[i] & 1;
        }
        int mask = nonzeroMask(weight - W);
        byte[] r = new byte[P];
        for (int i = 0; i < W; i++) {
            r[i] = (byte) (((ev[i] ^ 1) & ~mask) ^ 1);
        }
        for (int i = W; i < P; i++) {
            r[i] = (byte) (ev[i] & ~mask);
        }
        byte[] rEncoded = new byte[SMALL_BYTES];
        smallEncode(rEncoded, 0, r);
        int[] h = rqDecode(secretKey, pkAt);
        byte[] cache = Arrays.copyOfRange(secretKey, cacheAt, cacheAt + HASH_BYTES);
        byte[] again = hide(r, rEncoded, h, cache);
        int different = 0;
        for (int i = 0; i < CIPHERTEXT_BYTES; i++) {
            different |= (ciphertext[i] ^ again[i]) & 0xff;
        }
        int reject = nonzeroMask(different);   // -1 when the ciphertext is not the one r gives
        for (int i = 0; i < SMALL_BYTES; i++) {
            rEncoded[i] ^= (byte) (reject & (rEncoded[i] ^ secretKey[rhoAt + i]));
        }
        return hashSession(1 + reject, rEncoded, ciphertext);
    }
}
