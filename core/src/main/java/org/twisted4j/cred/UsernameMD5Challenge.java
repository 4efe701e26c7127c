package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Perspective Broker's challenge login ({@code twisted.spread.pb}'s {@code challenge()} and {@code respond()}):
 * the server sends random octets, the client answers {@code MD5(MD5(password) + challenge)}, and a checker
 * holding the password (or its MD5) checks the answer.
 *
 * <pre>{@code
 * byte[] challenge = UsernameMD5Challenge.challenge();           // server
 * byte[] answer = UsernameMD5Challenge.respond(challenge, pw);   // client
 * portal.login(new UsernameMD5Challenge("alice", challenge, answer), mind, Perspective.class);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (immutable; the arrays are copied).
 */
public final class UsernameMD5Challenge implements UsernameMD5Password {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final byte[] challenge;
    private final byte[] response;

    /**
     * Makes the credentials.
     *
     * @param username who the client says it is
     * @param challenge what the server sent
     * @param response what the client answered
     */
    public UsernameMD5Challenge(String username, byte[] challenge, byte[] response) {
        this.username = Objects.requireNonNull(username, "username");
        this.challenge = challenge.clone();
        this.response = response.clone();
    }

    /** Returns a new challenge: the MD5 of 15 to 24 random capital letters, 16 octets, as PB makes it. */
    public static byte[] challenge() {
        byte[] letters = new byte[15 + RANDOM.nextInt(10)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('A' + RANDOM.nextInt(26));
        }
        return Secrets.md5(letters);
    }

    /** Returns the client's answer to a challenge: {@code MD5(MD5(password) + challenge)}. */
    public static byte[] respond(byte[] challenge, String password) {
        return Secrets.md5(Secrets.md5(password.getBytes(UTF_8)), challenge);
    }

    @Override
    public String username() {
        return username;
    }

    /** Returns the challenge sent. */
    public byte[] challengeSent() {
        return challenge.clone();
    }

    @Override
    public boolean checkPassword(String password) {
        return checkMD5Password(Secrets.md5(password.getBytes(UTF_8)));
    }

    @Override
    public boolean checkMD5Password(byte[] md5Password) {
        return MessageDigest.isEqual(Secrets.md5(md5Password, challenge), response);
    }

    @Override
    public String toString() {
        return "UsernameMD5Challenge[username=" + username + "]";
    }
}
