package org.twisted4j.cred.crypt;

/**
 * The Blowfish state bcrypt's expensive key setup works on (Provos and Mazieres, "A Future-Adaptable Password
 * Scheme"), shared by {@link BCrypt} and {@link BCryptPbkdf}.
 *
 * <h2>Threading</h2>
 * Confined to the thread that uses it.
 */
final class Blowfish {
    private final int[] p = BlowfishTables.p();
    private final int[] s = BlowfishTables.s();

    private int f(int x) {
        return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)]) ^ s[0x200 | ((x >>> 8) & 0xff)])
                + s[0x300 | (x & 0xff)];
    }

    void encrypt(int[] block, int at) {
        int l = block[at];
        int r = block[at + 1];
        l ^= p[0];
        for (int i = 1; i <= 16; i += 2) {
            r ^= f(l) ^ p[i];
            l ^= f(r) ^ p[i + 1];
        }
        block[at] = r ^ p[17];
        block[at + 1] = l;
    }

    /** Key expansion without salt. */
    void expand(byte[] key) {
        int[] offset = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= word(key, offset);
        }
        int[] block = {0, 0};
        for (int i = 0; i < 18; i += 2) {
            encrypt(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < 1024; i += 2) {
            encrypt(block, 0);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    /** Key expansion with salt, the first step of the setup. */
    void expand(byte[] salt, byte[] key) {
        int[] keyOffset = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= word(key, keyOffset);
        }
        int[] saltOffset = {0};
        int[] block = {0, 0};
        for (int i = 0; i < 18; i += 2) {
            block[0] ^= word(salt, saltOffset);
            block[1] ^= word(salt, saltOffset);
            encrypt(block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < 1024; i += 2) {
            block[0] ^= word(salt, saltOffset);
            block[1] ^= word(salt, saltOffset);
            encrypt(block, 0);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    /** The next four octets of {@code data}, cyclically, as a big-endian word. */
    static int word(byte[] data, int[] offset) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w = (w << 8) | (data[offset[0]] & 0xff);
            offset[0] = (offset[0] + 1) % data.length;
        }
        return w;
    }
}
