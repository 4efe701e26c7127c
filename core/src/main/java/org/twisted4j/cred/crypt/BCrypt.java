package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * OpenBSD's bcrypt password hash ({@code $2a$}, {@code $2b$}, {@code $2y$}; Provos and Mazières, "A
 * Future-Adaptable Password Scheme", 1999) in pure Java: {@code $2b$COST$} then 22 characters of salt and 31 of
 * digest, in bcrypt's own base-64 alphabet.
 *
 * <pre>{@code
 * String stored = BCrypt.hash("secret", 12);        // $2b$12$...
 * boolean ok = BCrypt.verify("secret", stored);
 * }</pre>
 *
 * <p>The password's UTF-8 octets and a terminating zero are the key, of which the first 72 octets count, as
 * in {@code $2b$}; the three prefixes are computed alike (they differ only in how old, buggy implementations
 * treated passwords over 255 octets or with the high bit set, which this class does not reproduce).
 *
 * <h2>Threading</h2>
 * Any thread (stateless). A hash at cost 12 takes a noticeable fraction of a second: keep it off the reactor
 * thread for many logins.
 */
public final class BCrypt {

    /** The cost {@link #hash(String)} uses: 2<sup>12</sup> rounds. */
    public static final int DEFAULT_COST = 12;
    /** The lowest cost accepted. */
    public static final int MIN_COST = 4;
    /** The highest cost accepted. */
    public static final int MAX_COST = 31;

    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final byte[] MAGIC = "OrpheanBeholderScryDoubt".getBytes(UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BCrypt() {
    }

    /** Whether a stored value looks like a bcrypt hash: starts with {@code $2a$}, {@code $2b$} or {@code $2y$}. */
    public static boolean recognises(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    /** Hashes a password with a random salt at {@link #DEFAULT_COST}. */
    public static String hash(String password) {
        return hash(password, DEFAULT_COST);
    }

    /**
     * Hashes a password with a random salt.
     *
     * @throws IllegalArgumentException if the cost is outside {@link #MIN_COST}..{@link #MAX_COST}
     */
    public static String hash(String password, int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost " + cost + " is outside " + MIN_COST + ".." + MAX_COST);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return hash(password, String.format("$2b$%02d$", cost) + encode(salt, 16));
    }

    /**
     * Hashes a password with the prefix, cost and salt of {@code setting}: a whole stored hash or its first 29
     * characters ({@code $2b$10$} and 22 of salt).
     *
     * @return the full hash
     * @throws MalformedHashException if the setting is not one
     */
    public static String hash(String password, String setting) {
        int cost = cost(setting);
        // The last salt character carries 2 bits beyond the 128; like OpenBSD, the salt is written back canonical.
        byte[] salt = decode(setting.substring(7, 29), 16);
        byte[] digest = digest(password, cost, salt);
        return setting.substring(0, 7) + encode(salt, 16) + encode(digest, 23);
    }

    /**
     * Whether the password hashes to the stored value (compared in constant time).
     *
     * @throws MalformedHashException if the stored value is not a bcrypt hash of the right length
     */
    public static boolean verify(String password, String stored) {
        if (stored.length() != 60) {
            throw new MalformedHashException("a bcrypt hash has 60 characters, not " + stored.length());
        }
        String computed = hash(password, stored);
        decode(stored.substring(29), 23);
        return MessageDigest.isEqual(computed.substring(29).getBytes(UTF_8), stored.substring(29).getBytes(UTF_8));
    }

    /**
     * Returns the cost of a setting or stored hash, after checking its prefix and salt.
     *
     * @throws MalformedHashException if it is not {@code $2a$}, {@code $2b$} or {@code $2y$}, two digits of cost
     *     in range, {@code $} and 22 characters of salt
     */
    static int cost(String setting) {
        if (setting.length() < 29 || !recognises(setting) || setting.charAt(6) != '$') {
            throw new MalformedHashException("not a bcrypt setting: expected $2b$NN$ and 22 salt characters");
        }
        int cost = parseCost(setting.substring(4, 6));
        decode(setting.substring(7, 29), 16);
        return cost;
    }

    private static int parseCost(String digits) {
        if (!Character.isDigit(digits.charAt(0)) || !Character.isDigit(digits.charAt(1))) {
            throw new MalformedHashException("bcrypt cost is not two digits");
        }
        int cost = Integer.parseInt(digits);
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new MalformedHashException("bcrypt cost " + cost + " is outside " + MIN_COST + ".." + MAX_COST);
        }
        return cost;
    }

    private static byte[] digest(String password, int cost, byte[] salt) {
        byte[] utf8 = password.getBytes(UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, 72));
        Blowfish state = new Blowfish();
        state.expand(salt, key);
        long rounds = 1L << cost;
        for (long i = 0; i < rounds; i++) {
            state.expand(key);
            state.expand(salt);
        }
        int[] text = new int[6];
        for (int i = 0; i < 6; i++) {
            text[i] = ((MAGIC[4 * i] & 0xff) << 24) | ((MAGIC[4 * i + 1] & 0xff) << 16)
                    | ((MAGIC[4 * i + 2] & 0xff) << 8) | (MAGIC[4 * i + 3] & 0xff);
        }
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 6; j += 2) {
                state.encrypt(text, j);
            }
        }
        byte[] out = new byte[24];
        for (int i = 0; i < 6; i++) {
            out[4 * i] = (byte) (text[i] >>> 24);
            out[4 * i + 1] = (byte) (text[i] >>> 16);
            out[4 * i + 2] = (byte) (text[i] >>> 8);
            out[4 * i + 3] = (byte) text[i];
        }
        return Arrays.copyOf(out, 23);
    }

    /** bcrypt's base 64: three octets to four characters, most significant bits first, no padding. */
    static String encode(byte[] data, int length) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < length) {
            int c1 = data[i++] & 0xff;
            out.append(ALPHABET.charAt(c1 >> 2));
            c1 = (c1 & 0x03) << 4;
            if (i >= length) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            int c2 = data[i++] & 0xff;
            out.append(ALPHABET.charAt(c1 | (c2 >> 4)));
            c1 = (c2 & 0x0f) << 2;
            if (i >= length) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            c2 = data[i++] & 0xff;
            out.append(ALPHABET.charAt(c1 | (c2 >> 6)));
            out.append(ALPHABET.charAt(c2 & 0x3f));
        }
        return out.toString();
    }

    /** Decodes {@code length} octets of bcrypt's base 64. */
    static byte[] decode(String text, int length) {
        byte[] out = new byte[length];
        int bits = 0;
        int count = 0;
        int n = 0;
        for (int i = 0; i < text.length() && n < length; i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                throw new MalformedHashException("bcrypt salt or digest has a character outside its alphabet");
            }
            bits = (bits << 6) | v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out[n++] = (byte) (bits >> count);
                bits &= (1 << count) - 1;
            }
        }
        if (n < length) {
            throw new MalformedHashException("bcrypt salt or digest is too short");
        }
        return out;
    }
}
