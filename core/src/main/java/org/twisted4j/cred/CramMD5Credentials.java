package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a CRAM-MD5 exchange (RFC 2195; Twisted's {@code CramMD5Credentials}), as SMTP, POP3 and
 * IMAP use it: the server sends {@link #getChallenge()}, the client answers with its user name, a space and the
 * lower-case hex HMAC-MD5 of the challenge keyed with its password, and a checker holding the password in clear
 * calls {@link #checkPassword}.
 *
 * <pre>{@code
 * CramMD5Credentials cram = new CramMD5Credentials("mail.example.org");
 * send(base64(cram.getChallenge()));                 // "<1896.697170952@mail.example.org>"
 * cram.setResponse(base64Decode(line));              // "tim b913a602c7eda7a495b4e6e7334d3890"
 * portal.login(cram, null, Mailbox.class);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only (the challenge and response are set as the exchange goes).
 */
public final class CramMD5Credentials implements UsernameHashedPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private @Nullable String challenge;
    private @Nullable String username;
    private @Nullable String response;

    /**
     * Makes credentials whose challenge names {@code host}.
     *
     * @param host the server's name, the part of the challenge after {@code @}
     */
    public CramMD5Credentials(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Returns the challenge, made on the first call ({@code <random.seconds@host>}, as RFC 2195's example) and
     * the same afterwards.
     */
    public String getChallenge() {
        if (challenge == null) {
            long random = RANDOM.nextLong() & Long.MAX_VALUE;
            challenge = "<" + random + "." + System.currentTimeMillis() / 1000 + "@" + host + ">";
        }
        return challenge;
    }

    /**
     * Uses a challenge made elsewhere, as a client or a test does.
     *
     * @param challenge the challenge the server sent
     */
    public void setChallenge(String challenge) {
        this.challenge = Objects.requireNonNull(challenge, "challenge");
    }

    /**
     * Takes the client's answer: the user name, white space, and the digest in hex.
     *
     * @param answer the decoded answer
     * @throws LoginFailed if it has no white space between a user name and a digest
     */
    public void setResponse(String answer) {
        String trimmed = answer.strip();
        int space = indexOfWhitespace(trimmed);
        if (space <= 0) {
            throw new LoginFailed("Challenge response is not a user name and a digest");
        }
        username = trimmed.substring(0, space);
        response = trimmed.substring(space).strip();
    }

    /** Whether more challenges follow: never, for CRAM-MD5. */
    public boolean moreChallenges() {
        return false;
    }

    /**
     * Returns the user name from the response.
     *
     * @throws IllegalStateException if no response was set
     */
    @Override
    public String username() {
        if (username == null) {
            throw new IllegalStateException("no response yet");
        }
        return username;
    }

    /** Returns what the client should answer for this challenge and password: lower-case hex HMAC-MD5. */
    public static String respond(String challenge, String password) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            // An empty key is the block of zeros HMAC pads keys to; the JDK refuses an empty key spec.
            byte[] key = password.isEmpty() ? new byte[64] : password.getBytes(UTF_8);
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacMD5", e);
        }
    }

    /** Whether the response is the HMAC-MD5 of the challenge under {@code password} (compared in constant time). */
    @Override
    public boolean checkPassword(String password) {
        if (response == null || challenge == null) {
            return false;
        }
        return Secrets.equal(respond(challenge, password), response.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return "CramMD5Credentials[username=" + username + "]";
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
