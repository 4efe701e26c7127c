package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The SHA-crypt scheme of Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" (2007), shared by
 * {@link Sha256Crypt} and {@link Sha512Crypt}: {@code $ID$[rounds=N$]SALT$DIGEST}.
 */
final class ShaCrypt {

    static final int DEFAULT_ROUNDS = 5000;
    static final int MIN_ROUNDS = 1000;
    static final int MAX_ROUNDS = 999_999_999;
    static final int MAX_SALT = 16;

    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String ROUNDS = "rounds=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String digestName;
    private final int[][] order;
    private final int digestChars;

    /**
     * @param order the spec's output permutation: triples of digest offsets, each written as four characters,
     *     and a final row of the offsets of the remaining one or two octets
     */
    ShaCrypt(String id, String digestName, int[][] order, int digestChars) {
        this.id = id;
        this.digestName = digestName;
        this.order = order;
        this.digestChars = digestChars;
    }

    boolean recognises(String stored) {
        return stored.startsWith(id);
    }

    String hash(String password, int rounds) {
        if (rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("rounds " + rounds + " outside " + MIN_ROUNDS + ".." + MAX_ROUNDS);
        }
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < MAX_SALT; i++) {
            salt.append(ALPHABET.charAt(RANDOM.nextInt(64)));
        }
        String prefix = rounds == DEFAULT_ROUNDS ? "" : ROUNDS + rounds + "$";
        return hash(password, id + prefix + salt);
    }

    /** The rounds and salt a setting announces. */
    record Setting(int rounds, boolean roundsGiven, String salt) {
    }

    /**
     * Reads a setting (a stored hash or its part up to the salt): the rounds clamped into range, the salt up to
     * the next {@code $} and cut to 16 characters.
     *
     * @throws MalformedHashException if it does not start with this scheme's prefix, the rounds are not a number,
     *     or the salt has a character crypt does not allow
     */
    Setting parseSetting(String setting) {
        if (!setting.startsWith(id)) {
            throw new MalformedHashException("not a " + id + " hash");
        }
        String rest = setting.substring(id.length());
        int rounds = DEFAULT_ROUNDS;
        boolean roundsGiven = false;
        if (rest.startsWith(ROUNDS)) {
            int end = rest.indexOf('$');
            if (end < 0) {
                throw new MalformedHashException("rounds= without a following $");
            }
            rounds = parseRounds(rest.substring(ROUNDS.length(), end));
            roundsGiven = true;
            rest = rest.substring(end + 1);
        }
        int saltEnd = rest.indexOf('$');
        String salt = saltEnd < 0 ? rest : rest.substring(0, saltEnd);
        if (salt.length() > MAX_SALT) {
            salt = salt.substring(0, MAX_SALT);
        }
        for (int i = 0; i < salt.length(); i++) {
            char c = salt.charAt(i);
            if (c == ':' || c > 126 || c < 33) {
                throw new MalformedHashException("salt has a character crypt does not allow");
            }
        }
        return new Setting(rounds, roundsGiven, salt);
    }

    /** Hashes with the rounds and salt of a setting (a stored hash or its part up to the salt). */
    String hash(String password, String setting) {
        Setting parsed = parseSetting(setting);
        byte[] digest = compute(password.getBytes(UTF_8), parsed.salt().getBytes(UTF_8), parsed.rounds());
        return id + (parsed.roundsGiven() ? ROUNDS + parsed.rounds() + "$" : "") + parsed.salt() + "$"
                + encode(digest);
    }

    /**
     * Checks a whole stored hash's form and returns the part before the digest.
     *
     * @throws MalformedHashException if it does not end with {@code $} and the digest's characters
     */
    String checkStored(String stored) {
        int last = stored.lastIndexOf('$');
        if (last < id.length() || stored.length() - last - 1 != digestChars) {
            throw new MalformedHashException("a " + id + " hash ends with $ and " + digestChars + " characters");
        }
        for (int i = last + 1; i < stored.length(); i++) {
            if (ALPHABET.indexOf(stored.charAt(i)) < 0) {
                throw new MalformedHashException("digest has a character outside crypt's alphabet");
            }
        }
        parseSetting(stored.substring(0, last));
        return stored.substring(0, last);
    }

    boolean verify(String password, String stored) {
        String computed = hash(password, checkStored(stored));
        return MessageDigest.isEqual(computed.getBytes(UTF_8), stored.getBytes(UTF_8));
    }

    /** The spec clamps rounds into range, as glibc does; text that is not a number is refused. */
    private static int parseRounds(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            throw new MalformedHashException("rounds is not a number");
        }
        long rounds = Long.parseLong(digits);
        return (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, rounds));
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(digestName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + digestName, e);
        }
    }

    private byte[] compute(byte[] key, byte[] salt, int rounds) {
        MessageDigest md = digest();
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] b = md.digest();
        int size = b.length;

        md.update(key);
        md.update(salt);
        repeat(md, b, key.length);
        for (int n = key.length; n > 0; n >>= 1) {
            md.update((n & 1) != 0 ? b : key);
        }
        byte[] a = md.digest();

        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = stretch(md.digest(), key.length);

        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] s = stretch(md.digest(), salt.length);

        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            md.update((i & 1) != 0 ? p : c);
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            md.update((i & 1) != 0 ? c : p);
            c = md.digest();
        }
        assert c.length == size;
        return c;
    }

    /** Adds {@code length} octets of {@code block} repeated. */
    private static void repeat(MessageDigest md, byte[] block, int length) {
        int left = length;
        while (left > block.length) {
            md.update(block);
            left -= block.length;
        }
        md.update(block, 0, left);
    }

    private static byte[] stretch(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    private String encode(byte[] digest) {
        StringBuilder out = new StringBuilder();
        for (int[] row : order) {
            int w;
            int chars;
            if (row.length == 3) {
                w = ((digest[row[0]] & 0xff) << 16) | ((digest[row[1]] & 0xff) << 8) | (digest[row[2]] & 0xff);
                chars = 4;
            } else if (row.length == 2) {
                w = ((digest[row[0]] & 0xff) << 8) | (digest[row[1]] & 0xff);
                chars = 3;
            } else {
                w = digest[row[0]] & 0xff;
                chars = 2;
            }
            for (int i = 0; i < chars; i++) {
                out.append(ALPHABET.charAt(w & 0x3f));
                w >>>= 6;
            }
        }
        return out.toString();
    }
}
