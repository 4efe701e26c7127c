package org.twisted4j.web.guard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.DigestCredentials;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.web.Request;

/**
 * HTTP Digest authentication (RFC 7616; Twisted's {@code twisted.web.guard.DigestCredentialFactory}): the
 * {@link org.twisted4j.cred.DigestCredentialFactory cred one} fitted to requests. Challenges carry a fresh
 * nonce, {@code qop="auth"}, the realm, the algorithm and an opaque value binding the nonce to the client's
 * address and the time; an answer is refused with {@link LoginFailed} (so a new challenge, 401) when it is
 * malformed, lacks a user name, nonce or opaque value, or its opaque value was altered, belongs to another
 * client, or is older than {@link org.twisted4j.cred.DigestCredentialFactory#CHALLENGE_LIFETIME_SECONDS}.
 * The credentials it makes are {@link DigestCredentials}, which a checker verifies against a clear-text
 * password or a stored HA1.
 *
 * <p>The algorithm goes into challenges as given, as in Twisted. Give it in upper case ({@code MD5}): Python's
 * urllib refuses a challenge whose algorithm is {@code md5}; curl and browsers take either.
 *
 * <pre>{@code
 * new HTTPAuthSessionWrapper(portal, List.of(new DigestCredentialFactory("MD5", "example.org", reactor)));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread, or any thread from which the clock may be read.
 */
public final class DigestCredentialFactory implements CredentialFactory {

    private static final List<String> TWISTED_ORDER = List.of("nonce", "opaque", "qop", "algorithm", "realm");

    private final org.twisted4j.cred.DigestCredentialFactory digest;
    private final String realm;

    /**
     * Makes a factory.
     *
     * @param algorithm {@code md5}, {@code md5-sess}, {@code sha-256} or {@code sha-256-sess} (any case)
     * @param realm the realm named in challenges
     * @param clock the time challenges are made and checked by, normally the reactor
     * @throws IllegalArgumentException if the algorithm is not one of those, or the realm holds a control
     *     character
     */
    public DigestCredentialFactory(String algorithm, String realm, ReactorTime clock) {
        this.realm = Challenges.checkRealm(realm);
        this.digest = new org.twisted4j.cred.DigestCredentialFactory(algorithm, realm, clock);
    }

    /** Returns the realm named in challenges. */
    public String realm() {
        return realm;
    }

    /** Returns {@code digest}. */
    @Override
    public String scheme() {
        return digest.scheme();
    }

    /**
     * Returns {@code nonce}, {@code opaque}, {@code qop}, {@code algorithm} and {@code realm}, in the order
     * Twisted's web factory sends them.
     */
    @Override
    public Map<String, String> getChallenge(Request request) {
        Map<String, String> made = digest.getChallenge(host(request.getClientAddress()));
        Map<String, String> challenge = new LinkedHashMap<>();
        for (String name : TWISTED_ORDER) {
            String value = made.get(name);
            if (value != null) {
                challenge.put(name, value);
            }
        }
        challenge.putAll(made);
        return challenge;
    }

    /**
     * Reads the directives into {@link DigestCredentials} for the request's method.
     *
     * @throws LoginFailed as the class javadoc says
     */
    @Override
    public DigestCredentials decode(String response, Request request) {
        return digest.decode(response, request.getMethod(), host(request.getClientAddress()));
    }

    private static @Nullable String host(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            case UNIXAddress a -> null;
        };
    }

    @Override
    public String toString() {
        return "DigestCredentialFactory[realm=" + realm + "]";
    }
}
