package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A client's HTTP Digest answer (RFC 2617, RFC 7616), as {@link DigestCredentialFactory#decode} makes it
 * (Twisted's {@code DigestedCredentials}). A checker holding the password in clear calls
 * {@link #checkPassword}; one holding HA1 ({@code H(username:realm:password)}) calls {@link #checkHash}.
 * Algorithms: {@code MD5} (the default), {@code MD5-sess}, {@code SHA-256}, {@code SHA-256-sess}; quality of
 * protection {@code auth} or none (RFC 2069's form). The nonce count is not tracked, as in Twisted.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class DigestCredentials implements UsernameHashedPassword, UsernameDigestHash {

    private final String username;
    private final String method;
    private final String realm;
    private final Map<String, String> fields;

    /**
     * Makes the credentials.
     *
     * @param username the {@code username} directive
     * @param method the request's method, such as {@code GET}
     * @param realm the realm the server asked for
     * @param fields the directives, names in lower case
     */
    public DigestCredentials(String username, String method, String realm, Map<String, String> fields) {
        this.username = Objects.requireNonNull(username, "username");
        this.method = Objects.requireNonNull(method, "method");
        this.realm = Objects.requireNonNull(realm, "realm");
        this.fields = Map.copyOf(fields);
    }

    @Override
    public String username() {
        return username;
    }

    /** Returns the realm. */
    public String realm() {
        return realm;
    }

    /** Returns the directives the client sent, names in lower case. */
    public Map<String, String> fields() {
        return fields;
    }

    @Override
    public boolean checkPassword(String password) {
        String digest = digestName();
        if (digest == null) {
            return false;
        }
        return check(hex(digest, username + ":" + realm + ":" + password));
    }

    @Override
    public boolean checkHash(String digestHash) {
        return digestName() != null && check(digestHash.toLowerCase(Locale.ROOT));
    }

    /**
     * Computes the response a client sends (RFC 7616 section 3.4.1), for tests and clients.
     *
     * @param algorithm the algorithm directive, such as {@code MD5-sess}
     * @param ha1 H(username:realm:password) in hex
     * @param method the request method
     * @param uri the {@code uri} directive
     * @param nonce the server's nonce
     * @param nc the nonce count, or null without qop
     * @param cnonce the client nonce, or null without qop
     * @param qop {@code auth}, or null for RFC 2069's form
     * @return the response in lower-case hex
     * @throws IllegalArgumentException if the algorithm is not one of this class's
     */
    public static String response(String algorithm, String ha1, String method, String uri, String nonce,
            @Nullable String nc, @Nullable String cnonce, @Nullable String qop) {
        String digest = digestName(algorithm);
        if (digest == null) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        String sessionKey = ha1;
        if (algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
            sessionKey = hex(digest, ha1 + ":" + nonce + ":" + (cnonce == null ? "" : cnonce));
        }
        String ha2 = hex(digest, method + ":" + uri);
        if (nc != null && cnonce != null) {
            return hex(digest, sessionKey + ":" + nonce + ":" + nc + ":" + cnonce + ":" + (qop == null ? "auth" : qop)
                    + ":" + ha2);
        }
        return hex(digest, sessionKey + ":" + nonce + ":" + ha2);
    }

    /** Returns H(username:realm:password) in hex for the algorithm, as a password file would store it. */
    public static String ha1(String algorithm, String username, String realm, String password) {
        String digest = digestName(algorithm);
        if (digest == null) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        return hex(digest, username + ":" + realm + ":" + password);
    }

    private boolean check(String ha1) {
        String given = fields.get("response");
        String uri = fields.get("uri");
        String nonce = fields.get("nonce");
        String qop = fields.get("qop");
        if (given == null || uri == null || nonce == null || (qop != null && !qop.equalsIgnoreCase("auth"))) {
            return false;
        }
        String expected = response(fields.getOrDefault("algorithm", "MD5"), ha1, method, uri, nonce,
                fields.get("nc"), fields.get("cnonce"), qop);
        return Secrets.equal(expected, given.toLowerCase(Locale.ROOT));
    }

    private @Nullable String digestName() {
        return digestName(fields.getOrDefault("algorithm", "MD5"));
    }

    static @Nullable String digestName(String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5", "md5-sess" -> "MD5";
            case "sha-256", "sha-256-sess" -> "SHA-256";
            default -> null;
        };
    }

    private static String hex(String digest, String text) {
        return HexFormat.of().formatHex(Secrets.digest(digest).digest(text.getBytes(UTF_8)));
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", realm=" + realm + "]";
    }
}
