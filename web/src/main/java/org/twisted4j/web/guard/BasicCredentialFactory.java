package org.twisted4j.web.guard;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.web.Request;

/**
 * HTTP Basic authentication (RFC 7617; Twisted's {@code twisted.web.guard.BasicCredentialFactory}): the
 * challenge names the realm, and the answer is {@code base64(username:password)}, read into
 * {@link UsernamePassword} credentials.
 *
 * <pre>{@code
 * new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory("example.org")));
 * }</pre>
 *
 * <h2>Reading the answer</h2>
 * As Twisted reads it: leniently, the way Python's {@code binascii.a2b_base64} does with {@code ===}
 * appended. Characters outside the base64 alphabet are skipped; padding ends the data once it completes a
 * quantum; missing padding is supplied. The answer is refused with {@link LoginFailed} (and so a new
 * challenge, 401) when its base64 characters number one more than a multiple of four, or when the decoded
 * octets hold no colon. The user name is what comes before the first colon, the password the rest; both are
 * read as UTF-8 (RFC 7617's charset), malformed sequences becoming U+FFFD. Passwords appear in no message
 * and no log.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class BasicCredentialFactory implements CredentialFactory {

    private static final byte[] ALPHABET = new byte[256];

    static {
        java.util.Arrays.fill(ALPHABET, (byte) -1);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < letters.length(); i++) {
            ALPHABET[letters.charAt(i)] = (byte) i;
        }
    }

    private final String realm;

    /**
     * Makes a factory.
     *
     * @param realm the realm named in challenges
     * @throws IllegalArgumentException if the realm holds a control character (it goes into a header)
     */
    public BasicCredentialFactory(String realm) {
        this.realm = Challenges.checkRealm(realm);
    }

    /** Returns the realm named in challenges. */
    public String realm() {
        return realm;
    }

    /** Returns {@code basic}. */
    @Override
    public String scheme() {
        return "basic";
    }

    /** Returns the one directive {@code realm}. */
    @Override
    public Map<String, String> getChallenge(Request request) {
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("realm", realm);
        return challenge;
    }

    /**
     * Reads {@code base64(username:password)} as the class javadoc describes.
     *
     * @throws LoginFailed if the base64 is not decodable or the octets hold no colon
     */
    @Override
    public Credentials decode(String response, Request request) {
        return decode(response);
    }

    /**
     * Reads an answer without a request, as {@link #decode(String, Request)} does.
     *
     * @param response what follows {@code Basic } in the header
     * @return the credentials
     * @throws LoginFailed if the base64 is not decodable or the octets hold no colon
     */
    static UsernamePassword decode(String response) {
        byte[] octets = lenientBase64(response + "===");
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == ':') {
                String username = new String(octets, 0, i, UTF_8);
                String password = new String(octets, i + 1, octets.length - i - 1, UTF_8);
                return UsernamePassword.of(username, password);
            }
        }
        throw new LoginFailed("Invalid credentials");
    }

    /**
     * Decodes base64 as Python's non-strict {@code binascii.a2b_base64}: characters outside the alphabet are
     * skipped, and padding completing a quantum of two or three characters ends the data.
     *
     * @throws LoginFailed if the data ends inside a quantum
     */
    static byte[] lenientBase64(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4 + 1);
        int quadPos = 0;
        int leftChar = 0;
        int pads = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                if (quadPos >= 2 && quadPos + ++pads >= 4) {
                    return out.toByteArray();
                }
                continue;
            }
            int value = c < 256 ? ALPHABET[c] : -1;
            if (value < 0) {
                continue;
            }
            pads = 0;
            switch (quadPos) {
                case 0 -> {
                    quadPos = 1;
                    leftChar = value;
                }
                case 1 -> {
                    quadPos = 2;
                    out.write((leftChar << 2) | (value >> 4));
                    leftChar = value & 0x0f;
                }
                case 2 -> {
                    quadPos = 3;
                    out.write((leftChar << 4) | (value >> 2));
                    leftChar = value & 0x03;
                }
                default -> {
                    quadPos = 0;
                    out.write((leftChar << 6) | value);
                    leftChar = 0;
                }
            }
        }
        if (quadPos != 0) {
            throw new LoginFailed("Invalid credentials");
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "BasicCredentialFactory[realm=" + realm + "]";
    }
}
