package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;

/**
 * Makes HTTP Digest challenges and reads the answers to them (Twisted's {@code DigestCredentialFactory}).
 *
 * <pre>{@code
 * var digest = new DigestCredentialFactory("md5", "example.org", reactor);
 * Map<String, String> challenge = digest.getChallenge(clientIp);   // nonce, qop, realm, algorithm, opaque
 * ...
 * DigestCredentials credentials = digest.decode(afterDigestWord, "GET", clientIp);   // throws LoginFailed
 * portal.login(credentials, null, Resource.class);
 * }</pre>
 *
 * <h2>Nonce and opaque</h2>
 * The nonce is 12 random octets in hex. The opaque value carries the nonce, the client's address and the time
 * the challenge was made, with an MD5 over them and a secret of this factory, so that the server keeps no state:
 * {@link #decode} refuses an opaque value that was altered, belongs to another nonce or client, or is older than
 * {@link #CHALLENGE_LIFETIME_SECONDS} on the given clock.
 *
 * <h2>Threading</h2>
 * Any thread, if the clock may be read from it (the secret is fixed at construction).
 */
public final class DigestCredentialFactory {

    /** How long a challenge stays good: 15 minutes, as in Twisted. */
    public static final long CHALLENGE_LIFETIME_SECONDS = 15 * 60;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INVALID_OPAQUE = "Invalid response, invalid opaque value";

    private final String algorithm;
    private final String realm;
    private final ReactorTime clock;
    private final byte[] privateKey = new byte[12];

    /**
     * Makes a factory.
     *
     * @param algorithm {@code md5}, {@code md5-sess}, {@code sha-256} or {@code sha-256-sess} (any case)
     * @param realm the realm named in challenges
     * @param clock where the time for challenge ages comes from
     * @throws IllegalArgumentException if the algorithm is not one of those
     */
    public DigestCredentialFactory(String algorithm, String realm, ReactorTime clock) {
        if (DigestCredentials.digestName(algorithm) == null) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        this.algorithm = algorithm;
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clock = Objects.requireNonNull(clock, "clock");
        RANDOM.nextBytes(privateKey);
    }

    /** Returns the HTTP authentication scheme: {@code digest}. */
    public String scheme() {
        return "digest";
    }

    /**
     * Makes a challenge for a client.
     *
     * @param clientAddress the client's address as the server sees it, or null
     * @return the directives in order: {@code nonce}, {@code qop}, {@code realm}, {@code algorithm},
     *     {@code opaque}
     */
    public Map<String, String> getChallenge(@Nullable String clientAddress) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("nonce", nonce);
        challenge.put("qop", "auth");
        challenge.put("realm", realm);
        challenge.put("algorithm", algorithm);
        challenge.put("opaque", opaque(nonce, clientAddress));
        return challenge;
    }

    /**
     * Reads a client's answer.
     *
     * @param response the header's value after the {@code Digest} scheme word
     * @param method the request's method
     * @param clientAddress the client's address, as given to {@link #getChallenge}, or null
     * @return the credentials to log in with
     * @throws LoginFailed if the directives are malformed, the user name, nonce or opaque value is missing, or
     *     the opaque value does not verify (altered, another nonce or client, too old)
     */
    public DigestCredentials decode(String response, String method, @Nullable String clientAddress) {
        Map<String, String> fields = DigestFields.parse(response);
        String username = fields.get("username");
        if (username == null || username.isEmpty()) {
            throw new LoginFailed("Invalid response, no username given.");
        }
        String opaque = fields.get("opaque");
        if (opaque == null) {
            throw new LoginFailed("Invalid response, no opaque given.");
        }
        String nonce = fields.get("nonce");
        if (nonce == null) {
            throw new LoginFailed("Invalid response, no nonce given.");
        }
        verifyOpaque(opaque, nonce, clientAddress);
        return new DigestCredentials(username, method, realm, fields);
    }

    private String opaque(String nonce, @Nullable String clientAddress) {
        String key = nonce + "," + (clientAddress == null ? "" : clientAddress) + "," + now();
        return sign(key) + "-" + Base64.getEncoder().encodeToString(key.getBytes(UTF_8));
    }

    private String sign(String key) {
        return HexFormat.of().formatHex(Secrets.md5(key.getBytes(UTF_8), privateKey));
    }

    private long now() {
        return (long) Math.floor(clock.seconds());
    }

    private void verifyOpaque(String opaque, String nonce, @Nullable String clientAddress) {
        String[] parts = opaque.split("-", -1);
        if (parts.length != 2) {
            throw new LoginFailed(INVALID_OPAQUE);
        }
        String key;
        try {
            key = new String(Base64.getDecoder().decode(parts[1]), UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LoginFailed(INVALID_OPAQUE);
        }
        String[] keyParts = key.split(",", -1);
        if (keyParts.length != 3) {
            throw new LoginFailed(INVALID_OPAQUE);
        }
        if (!keyParts[0].equals(nonce)) {
            throw new LoginFailed("Invalid response, incompatible opaque/nonce values");
        }
        if (!keyParts[1].equals(clientAddress == null ? "" : clientAddress)) {
            throw new LoginFailed("Invalid response, incompatible opaque/client values");
        }
        long when;
        try {
            when = Long.parseLong(keyParts[2]);
        } catch (NumberFormatException e) {
            throw new LoginFailed("Invalid response, invalid opaque/time values");
        }
        if (now() - when > CHALLENGE_LIFETIME_SECONDS) {
            throw new LoginFailed("Invalid response, incompatible opaque/nonce too old");
        }
        if (!MessageDigest.isEqual(sign(key).getBytes(UTF_8), parts[0].getBytes(UTF_8))) {
            throw new LoginFailed(INVALID_OPAQUE);
        }
    }
}
