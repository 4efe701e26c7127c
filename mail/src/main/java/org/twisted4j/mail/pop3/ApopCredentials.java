package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.twisted4j.cred.UsernameHashedPassword;

/**
 * The credentials of an APOP command (RFC 1939 §7), as Twisted's {@code APOPCredentials}: the client's digest is
 * the hex MD5 of the greeting's timestamp followed by the password.
 *
 * @param username the user name
 * @param challenge the timestamp the server greeted with, angle brackets included
 * @param digest the 32 hex digits the client sent
 */
public record ApopCredentials(String username, String challenge, String digest) implements UsernameHashedPassword {

    @Override
    public boolean checkPassword(String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(challenge.getBytes(ISO_8859_1));
            md5.update(password.getBytes(UTF_8));
            String expected = HexFormat.of().formatHex(md5.digest());
            return MessageDigest.isEqual(expected.getBytes(ISO_8859_1),
                    digest.toLowerCase(Locale.ROOT).getBytes(ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing", e);
        }
    }

    @Override
    public String toString() {
        return "ApopCredentials[username=" + username + "]";
    }
}
