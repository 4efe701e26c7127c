package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * The parameters and salt a {@code $y$} or {@code $7$} setting announces, checked as libxcrypt checks them and
 * against {@link Yescrypt}'s limits, so that what {@link YescryptKdf} is handed is safe to compute.
 *
 * @param prefix the setting up to the end of its salt: what the hash is appended to
 * @param flags 0 (scrypt), {@link YescryptKdf#WORM} or {@link YescryptKdf#RW_DEFAULTS}
 * @param n the block count
 * @param r the block size in 128-octet units
 * @param p the parallelism
 * @param t the time parameter
 * @param salt the salt octets
 */
record YescryptSetting(String prefix, int flags, int n, int r, int p, int t, byte[] salt) {

    private static final String BAD_CHARACTERS = "!*:;\\";
    private static final int MAX_SALT_BYTES = 64;
    /** Where the salt of a {@code $7$} setting starts: after the prefix and 1 + 5 + 5 parameter characters. */
    private static final int SCRYPT_SALT_START = 14;

    /**
     * Reads a setting or a whole stored hash (whose part after the last {@code $} is then ignored).
     *
     * @throws MalformedHashException if libxcrypt would refuse it, or it is above {@link Yescrypt}'s limits
     */
    static YescryptSetting parse(String setting) {
        if (setting.length() > Yescrypt.MAX_SETTING_LENGTH) {
            throw new MalformedHashException("setting longer than " + Yescrypt.MAX_SETTING_LENGTH + " characters");
        }
        for (int i = 0; i < setting.length(); i++) {
            if (BAD_CHARACTERS.indexOf(setting.charAt(i)) >= 0) {
                throw new MalformedHashException("setting has a character crypt does not allow");
            }
        }
        if (setting.startsWith(Yescrypt.PREFIX)) {
            return parseYescrypt(setting);
        } else if (setting.startsWith(Yescrypt.SCRYPT_PREFIX)) {
            return parseScrypt(setting);
        }
        throw new MalformedHashException("not a $y$ or $7$ hash");
    }

    private static YescryptSetting parseYescrypt(String setting) {
        Cursor in = new Cursor(setting, Yescrypt.PREFIX.length());
        long flavor = in.number(0);
        int flags;
        if (flavor < YescryptKdf.RW) {
            flags = (int) flavor;
        } else if (flavor == Yescrypt.FLAVOR_RW_DEFAULTS) {
            flags = YescryptKdf.RW_DEFAULTS;
        } else {
            throw new MalformedHashException("yescrypt flavour " + flavor + " is not one yescrypt computes");
        }
        long log2N = in.number(1);
        long r = in.number(1);
        long p = 1;
        long t = 0;
        if (in.peek() != '$') {
            long have = in.number(1);
            if ((have & 1) != 0) {
                p = in.number(2);
            }
            if ((have & 2) != 0) {
                t = in.number(1);
            }
            if ((have & 4) != 0) {
                throw new MalformedHashException("yescrypt hash upgrades (g) are not supported by yescrypt");
            }
            if ((have & 8) != 0) {
                throw new MalformedHashException("yescrypt ROMs are not supported");
            }
        }
        if (in.next() != '$') {
            throw new MalformedHashException("yescrypt parameters not followed by $");
        }
        if (flags == 0 && t != 0) {
            throw new MalformedHashException("classic scrypt takes no time parameter");
        }
        String saltText = saltText(setting, in.pos);
        byte[] salt = decode(saltText);
        return checked(setting.substring(0, in.pos + saltText.length()), flags, log2N, r, p, t, salt);
    }

    private static YescryptSetting parseScrypt(String setting) {
        Cursor in = new Cursor(setting, Yescrypt.SCRYPT_PREFIX.length());
        int log2N = in.digit();
        if (log2N < 1) {
            throw new MalformedHashException("scrypt N below 2");
        }
        long r = in.fixed(5);
        long p = in.fixed(5);
        String saltText = saltText(setting, in.pos);
        for (int i = 0; i < saltText.length(); i++) {
            char c = saltText.charAt(i);
            if (c != '$' && Yescrypt.ALPHABET.indexOf(c) < 0) {
                throw new MalformedHashException("scrypt salt has a character outside crypt's alphabet");
            }
        }
        assert in.pos == SCRYPT_SALT_START;
        return checked(setting.substring(0, in.pos + saltText.length()), 0, log2N, r, p, 0,
                saltText.getBytes(UTF_8));
    }

    /** yescrypt refuses what it cannot compute; we also refuse what is above our limits, before allocating. */
    private static YescryptSetting checked(String prefix, int flags, long log2N, long r, long p, long t,
            byte[] salt) {
        if (log2N > 63) {
            throw new MalformedHashException("yescrypt N above 2^63");
        }
        if (r < 1 || p < 1) {
            throw new MalformedHashException("yescrypt r and p must be at least 1");
        }
        if (r * p >= 1L << 30) {
            throw new MalformedHashException("yescrypt r × p must be below 2^30");
        }
        if (128L * r > (Yescrypt.MAX_MEMORY >>> log2N)) {
            throw new MalformedHashException("yescrypt parameters need more than the limit of "
                    + (Yescrypt.MAX_MEMORY >> 20) + " MiB");
        }
        // From here N = 2^log2N fits an int: the memory limit keeps it below 2^22. The optimised yescrypt that
        // libxcrypt builds wants N of 4 or more, and in the read-write mode N / p of 4 or more.
        if (log2N < 2) {
            throw new MalformedHashException("yescrypt N below 4");
        }
        if ((flags & YescryptKdf.RW) != 0 && (1L << log2N) / p < 4) {
            throw new MalformedHashException("yescrypt N / p must be 4 or more");
        }
        if (r > Yescrypt.MAX_BLOCK_SIZE) {
            throw new MalformedHashException("yescrypt r above the limit of " + Yescrypt.MAX_BLOCK_SIZE);
        }
        if (p > Yescrypt.MAX_PARALLELISM) {
            throw new MalformedHashException("yescrypt p above the limit of " + Yescrypt.MAX_PARALLELISM);
        }
        if (t > Yescrypt.MAX_TIME) {
            throw new MalformedHashException("yescrypt t above the limit of " + Yescrypt.MAX_TIME);
        }
        if ((128L * r << log2N) * p * (t + 1) > Yescrypt.MAX_WORK) {
            throw new MalformedHashException("yescrypt parameters need more work than the limit");
        }
        return new YescryptSetting(prefix, flags, 1 << log2N, (int) r, (int) p, (int) t, salt);
    }

    /** The salt runs to the last {@code $} (where a hash follows) or the end. */
    private static String saltText(String setting, int from) {
        int end = setting.lastIndexOf('$');
        return setting.substring(from, end >= from ? end : setting.length());
    }

    /**
     * yescrypt's base-64 of the salt: groups of up to four characters, little-endian, each giving as many whole
     * octets as it holds; the unused high bits of a short group must be zero, and a lone character is refused.
     */
    static byte[] decode(String text) {
        byte[] out = new byte[MAX_SALT_BYTES];
        int length = 0;
        for (int at = 0; at < text.length(); at += 4) {
            int chars = Math.min(4, text.length() - at);
            if (chars < 2) {
                throw new MalformedHashException("salt is not whole octets of base-64");
            }
            int value = 0;
            for (int i = 0; i < chars; i++) {
                int c = Yescrypt.ALPHABET.indexOf(text.charAt(at + i));
                if (c < 0) {
                    throw new MalformedHashException("salt has a character outside crypt's alphabet");
                }
                value |= c << (6 * i);
            }
            int octets = 6 * chars / 8;
            if (value >>> (8 * octets) != 0) {
                throw new MalformedHashException("salt's last character has bits beyond its octets");
            }
            if (length + octets > MAX_SALT_BYTES) {
                throw new MalformedHashException("salt longer than " + MAX_SALT_BYTES + " octets");
            }
            for (int i = 0; i < octets; i++) {
                out[length++] = (byte) (value >>> (8 * i));
            }
        }
        return Arrays.copyOf(out, length);
    }

    /**
     * Reads one of yescrypt's variable-length numbers that is the whole of {@code text}.
     *
     * @throws MalformedHashException if it is not exactly one
     */
    static long decodeNumber(String text, int min) {
        Cursor in = new Cursor(text, 0);
        long value = in.number(min);
        if (in.pos != text.length()) {
            throw new MalformedHashException("characters after the number");
        }
        return value;
    }

    /** Reads yescrypt's numbers from a setting; running off the end or meeting a stranger is malformed. */
    private static final class Cursor {
        private final String text;
        int pos;

        Cursor(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        int digit() {
            int c = Yescrypt.ALPHABET.indexOf(next());
            if (c < 0) {
                throw new MalformedHashException("yescrypt parameter has a character outside crypt's alphabet");
            }
            return c;
        }

        /** A variable-length number (see {@link Yescrypt#encodeNumber}), at least {@code min}. */
        long number(int min) {
            int c = digit();
            long value = min;
            int start = 0;
            int end = 47;
            int bits = 0;
            while (c > end) {
                value += (long) (end + 1 - start) << bits;
                start = end + 1;
                end = start + (62 - end) / 2;
                bits += 6;
            }
            value += (long) (c - start) << bits;
            while (bits > 0) {
                bits -= 6;
                value += (long) digit() << bits;
            }
            return value & 0xffffffffL;
        }

        /** A fixed-width number of {@code chars} characters, low six bits first. */
        long fixed(int chars) {
            long value = 0;
            for (int i = 0; i < chars; i++) {
                value |= (long) digit() << (6 * i);
            }
            return value;
        }
    }
}
