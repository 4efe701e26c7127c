package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * yescrypt ({@code $y$}, the {@code /etc/shadow} default of Debian 11 and later, Fedora 35 and later) and classic
 * scrypt ({@code $7$}) password hashes in pure Java, computed as libxcrypt's {@code crypt()} computes them.
 *
 * <pre>{@code
 * String stored = Yescrypt.hash("secret");           // $y$j9T$<22 salt characters>$<43 characters>
 * boolean ok = Yescrypt.verify("secret", stored);
 * }</pre>
 *
 * <h2>The format</h2>
 * {@code $y$} is followed by the parameters in yescrypt's variable-length base-64 numbers: the flavour
 * ({@code j}: the read-write mode with the default pwxform settings; {@code .} classic scrypt and {@code /} the
 * write-once mode are also read), log<sub>2</sub> N (the block count, {@code 9} = 12, so N = 4096) and r (the
 * block size in 128-octet units, {@code T} = 32), optionally followed by a bit set saying which of p, t, g and
 * NROM come next. Then {@code $}, the salt (base-64, up to 64 octets), {@code $} and 43 characters of hash.
 * libxcrypt's costs 1 to 11 ({@code mkpasswd -R}) are N = 2<sup>10</sup>, 2<sup>11</sup> with r = 8 and
 * N = 2<sup>10</sup> to 2<sup>18</sup> with r = 32; its default 5 is {@code j9T}, 16 MiB.
 * {@code $7$} is followed by one character of log<sub>2</sub> N, five each of r and p, the salt as text,
 * {@code $} and 43 characters.
 *
 * <h2>Limits</h2>
 * A stored hash says how much memory it takes to check, so the parameters are bounded before anything is
 * allocated: the blocks, N × r × 128 octets, at most {@link #MAX_MEMORY} (libxcrypt's costs 1 to 9; 10 and 11,
 * 512 MiB and 1 GiB, are refused); r at most {@link #MAX_BLOCK_SIZE}, p at most {@link #MAX_PARALLELISM}, so the
 * lanes, scratch and S-boxes add at most 10 MiB; t at most {@link #MAX_TIME}; and N × r × 128 × p × (t + 1) at
 * most {@link #MAX_WORK}, so no hash takes much longer than four of the largest allowed. A hash above them is a
 * {@link MalformedHashException}, as are the settings libxcrypt itself refuses (hash upgrades, ROMs, unsupported
 * flavours, N below 4, a salt that is not canonical base-64).
 *
 * <h2>Threading</h2>
 * Any thread (stateless). One check at the default cost takes 16 MiB of heap and, warm, about 55 ms on a
 * two-core test machine (libxcrypt's C: about 20 ms), several times that on a cold JVM: keep it off the reactor
 * thread when many logins arrive.
 */
public final class Yescrypt {

    /** The prefix of yescrypt hashes: {@code $y$}. */
    public static final String PREFIX = "$y$";
    /** The prefix of classic scrypt hashes: {@code $7$}. */
    public static final String SCRYPT_PREFIX = "$7$";
    /** The cost {@link #hash(String)} uses, as libxcrypt's default: N = 4096, r = 32 ({@code j9T}), 16 MiB. */
    public static final int DEFAULT_COST = 5;
    /** The highest cost {@link #hash(String, int)} takes: the highest whose memory is within {@link #MAX_MEMORY}. */
    public static final int MAX_COST = 9;
    /** The most memory (N × r × 128 octets) a hash may ask for: 256 MiB. */
    public static final long MAX_MEMORY = 256L << 20;
    /** The largest block size r (in 128-octet units) a hash may ask for (libxcrypt writes 8 or 32). */
    public static final int MAX_BLOCK_SIZE = 4096;
    /** The most work a hash may ask for, as N × r × 128 × p × (t + 1): four times {@link #MAX_MEMORY}. */
    public static final long MAX_WORK = 4 * MAX_MEMORY;
    /** The highest parallelism p a hash may ask for (libxcrypt always writes 1). */
    public static final int MAX_PARALLELISM = 16;
    /** The highest time parameter t a hash may ask for (libxcrypt always writes 0). */
    public static final int MAX_TIME = 8;

    /** libxcrypt refuses passwords of 512 octets or more. */
    static final int MAX_PASSWORD_BYTES = 511;
    /** libxcrypt refuses settings that leave no room for the hash in its 384-octet output. */
    static final int MAX_SETTING_LENGTH = 339;
    static final int HASH_CHARS = 43;
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * The flavour number of {@link YescryptKdf#RW_DEFAULTS} ({@code j}): flavours from 2 up stand for the read-write
     * mode with the pwxform settings in the bits above the mode's two.
     */
    static final int FLAVOR_RW_DEFAULTS = YescryptKdf.RW + ((YescryptKdf.RW_DEFAULTS - YescryptKdf.RW) >> 2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Yescrypt() {
    }

    /** Whether a stored value starts with {@code $y$} or {@code $7$}. */
    public static boolean recognises(String stored) {
        return stored.startsWith(PREFIX) || stored.startsWith(SCRYPT_PREFIX);
    }

    /** Hashes a password with a random 16-octet salt at {@link #DEFAULT_COST}. */
    public static String hash(String password) {
        return hash(password, DEFAULT_COST);
    }

    /**
     * Hashes a password with a random 16-octet salt at one of libxcrypt's costs ({@code mkpasswd -m yescrypt -R}).
     *
     * @throws IllegalArgumentException if cost is outside 1..{@link #MAX_COST}, or the password is 512 octets or
     *     longer in UTF-8
     */
    public static String hash(String password, int cost) {
        if (cost < 1 || cost > MAX_COST) {
            throw new IllegalArgumentException("yescrypt cost " + cost + " is outside 1.." + MAX_COST);
        }
        int r = cost < 3 ? 8 : 32;
        int log2N = cost < 3 ? cost + 9 : cost + 7;
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return hash(password, PREFIX + encodeNumber(FLAVOR_RW_DEFAULTS, 0) + encodeNumber(log2N, 1)
                + encodeNumber(r, 1) + "$" + encode(salt));
    }

    /**
     * Hashes a password with the parameters and salt of {@code setting} (a stored hash, or its part up to the
     * salt), as {@code crypt(password, setting)}.
     *
     * @return the full hash: the setting up to the end of its salt, {@code $} and 43 characters
     * @throws MalformedHashException if the setting is not one libxcrypt accepts, or is above the limits
     * @throws IllegalArgumentException if the password is 512 octets or longer in UTF-8, which crypt refuses
     */
    public static String hash(String password, String setting) {
        YescryptSetting parsed = YescryptSetting.parse(setting);
        byte[] octets = password.getBytes(UTF_8);
        if (octets.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("crypt refuses passwords of 512 octets or more");
        }
        byte[] digest = YescryptKdf.derive(octets, parsed.salt(), parsed.flags(), parsed.n(), parsed.r(),
                parsed.p(), parsed.t());
        return parsed.prefix() + "$" + encode(digest);
    }

    /**
     * Whether the password hashes to the stored value (compared in constant time). A password of 512 octets or
     * more never matches, as crypt refuses it.
     *
     * @throws MalformedHashException if the stored value is not a whole {@code $y$} or {@code $7$} hash libxcrypt
     *     accepts, or is above the limits
     */
    public static boolean verify(String password, String stored) {
        int last = stored.lastIndexOf('$');
        if (last < 2 || stored.length() - last - 1 != HASH_CHARS) {
            throw new MalformedHashException("a yescrypt hash ends with $ and " + HASH_CHARS + " characters");
        }
        for (int i = last + 1; i < stored.length(); i++) {
            if (ALPHABET.indexOf(stored.charAt(i)) < 0) {
                throw new MalformedHashException("hash has a character outside crypt's alphabet");
            }
        }
        YescryptSetting.parse(stored);
        if (password.getBytes(UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        String computed = hash(password, stored);
        return MessageDigest.isEqual(computed.getBytes(UTF_8), stored.getBytes(UTF_8));
    }

    /** yescrypt's base-64 of octets: little-endian groups of three octets, six bits a character, low bits first. */
    static String encode(byte[] octets) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < octets.length; ) {
            int value = 0;
            int bits = 0;
            do {
                value |= (octets[i++] & 0xff) << bits;
                bits += 8;
            } while (bits < 24 && i < octets.length);
            for (int done = 0; done < bits; done += 6) {
                out.append(ALPHABET.charAt(value & 0x3f));
                value >>>= 6;
            }
        }
        return out.toString();
    }

    /**
     * yescrypt's variable-length number: the first character says how many follow (0 to 47 alone, then shrinking
     * ranges for two to six characters), the rest are six bits each, high first.
     */
    static String encodeNumber(long number, int min) {
        if (number < min) {
            throw new IllegalArgumentException(number + " is below " + min);
        }
        long value = number - min;
        int start = 0;
        int end = 47;
        int bits = 0;
        while (value >= (long) (end + 1 - start) << bits) {
            if (start >= 63) {
                throw new IllegalArgumentException(number + " is beyond yescrypt's numbers");
            }
            value -= (long) (end + 1 - start) << bits;
            start = end + 1;
            end = start + (62 - end) / 2;
            bits += 6;
        }
        StringBuilder out = new StringBuilder().append(ALPHABET.charAt(start + (int) (value >>> bits)));
        while (bits > 0) {
            bits -= 6;
            out.append(ALPHABET.charAt((int) (value >>> bits) & 0x3f));
        }
        return out.toString();
    }
}
