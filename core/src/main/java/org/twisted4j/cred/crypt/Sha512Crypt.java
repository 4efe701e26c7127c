package org.twisted4j.cred.crypt;

/**
 * SHA-512-crypt, {@code $6$[rounds=N$]SALT$DIGEST} (Ulrich Drepper's specification, 2007), as glibc's
 * {@code crypt()}, {@code openssl passwd -6} and {@code mkpasswd -m sha-512} make it; the hash of
 * {@code /etc/shadow} on many systems.
 *
 * <pre>{@code
 * String stored = Sha512Crypt.hash("secret");            // $6$<16 random salt characters>$<86 characters>
 * boolean ok = Sha512Crypt.verify("secret", stored);
 * }</pre>
 *
 * <p>Rounds default to 5000 and are clamped to 1000..999999999; the salt is cut to 16 characters.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class Sha512Crypt {

    /** The prefix: {@code $6$}. */
    public static final String PREFIX = "$6$";

    static final ShaCrypt SCHEME = new ShaCrypt(PREFIX, "SHA-512", new int[][] {
        {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48}, {28, 49, 7},
        {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13}, {56, 14, 35},
        {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}, {63},
    }, 86);

    private Sha512Crypt() {
    }

    /** Whether a stored value starts with {@code $6$}. */
    public static boolean recognises(String stored) {
        return SCHEME.recognises(stored);
    }

    /** Hashes a password with a random 16-character salt and the default 5000 rounds. */
    public static String hash(String password) {
        return SCHEME.hash(password, ShaCrypt.DEFAULT_ROUNDS);
    }

    /**
     * Hashes a password with a random salt.
     *
     * @throws IllegalArgumentException if rounds is outside 1000..999999999
     */
    public static String hash(String password, int rounds) {
        return SCHEME.hash(password, rounds);
    }

    /**
     * Hashes a password with the rounds and salt of {@code setting}, as {@code crypt(password, setting)}.
     *
     * @throws MalformedHashException if the setting is not a {@code $6$} one
     */
    public static String hash(String password, String setting) {
        return SCHEME.hash(password, setting);
    }

    /**
     * Whether the password hashes to the stored value (compared in constant time).
     *
     * @throws MalformedHashException if the stored value is not a whole {@code $6$} hash
     */
    public static boolean verify(String password, String stored) {
        return SCHEME.verify(password, stored);
    }
}
