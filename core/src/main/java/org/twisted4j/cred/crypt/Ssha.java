package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The salted SHA-1 of LDAP servers and {@code slappasswd}: {@code {SSHA}} then the base 64 of
 * {@code SHA-1(password + salt)} followed by the salt. Weak by today's measure (one fast hash); read so that
 * existing files keep working, and prefer {@link BCrypt} or {@link Sha512Crypt} for new ones.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class Ssha {

    /** The prefix: {@code {SSHA}}. */
    public static final String PREFIX = "{SSHA}";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DIGEST = 20;

    private Ssha() {
    }

    /** Whether a stored value starts with {@code {SSHA}} (in any case, as LDAP writes it). */
    public static boolean recognises(String stored) {
        return stored.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Hashes a password with 8 random octets of salt. */
    public static String hash(String password) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        return hash(password, salt);
    }

    /** Hashes a password with the given salt. */
    public static String hash(String password, byte[] salt) {
        byte[] digest = sha1(password, salt);
        byte[] out = Arrays.copyOf(digest, DIGEST + salt.length);
        System.arraycopy(salt, 0, out, DIGEST, salt.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /**
     * Whether the password matches the stored value (compared in constant time).
     *
     * @throws MalformedHashException if it is not {@code {SSHA}} and base 64 of more than 20 octets
     */
    public static boolean verify(String password, String stored) {
        if (!recognises(stored)) {
            throw new MalformedHashException("not an {SSHA} hash");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(stored.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("{SSHA} value is not base 64");
        }
        if (decoded.length <= DIGEST) {
            throw new MalformedHashException("{SSHA} value is too short to hold a digest and a salt");
        }
        byte[] salt = Arrays.copyOfRange(decoded, DIGEST, decoded.length);
        return MessageDigest.isEqual(sha1(password, salt), Arrays.copyOf(decoded, DIGEST));
    }

    private static byte[] sha1(String password, byte[] salt) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(password.getBytes(UTF_8));
            sha1.update(salt);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }
}
