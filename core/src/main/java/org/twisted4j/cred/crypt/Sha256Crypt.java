package org.twisted4j.cred.crypt;

/**
 * SHA-256-crypt, {@code $5$[rounds=N$]SALT$DIGEST} (Ulrich Drepper's specification, 2007), as glibc's
 * {@code crypt()}, {@code openssl passwd -5} and {@code mkpasswd -m sha-256} make it.
 *
 * <pre>{@code
 * String stored = Sha256Crypt.hash("secret");            // $5$<16 random salt characters>$<43 characters>
 * boolean ok = Sha256Crypt.verify("secret", stored);
 * }</pre>
 *
 * <p>Rounds default to 5000 and are clamped to 1000..999999999; the salt is cut to 16 characters.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class Sha256Crypt {

    /** The prefix: {@code $5$}. */
    public static final String PREFIX = "$5$";

    static final ShaCrypt SCHEME = new ShaCrypt(PREFIX, "SHA-256", new int[][] {
        {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5}, {6, 16, 26}, {27, 7, 17},
        {18, 28, 8}, {9, 19, 29}, {31, 30},
    }, 43);

    private Sha256Crypt() {
    }

    /** Whether a stored value starts with {@code $5$}. */
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
     * @throws MalformedHashException if the setting is not a {@code $5$} one
     */
    public static String hash(String password, String setting) {
        return SCHEME.hash(password, setting);
    }

    /**
     * Whether the password hashes to the stored value (compared in constant time).
     *
     * @throws MalformedHashException if the stored value is not a whole {@code $5$} hash
     */
    public static boolean verify(String password, String stored) {
        return SCHEME.verify(password, stored);
    }
}
