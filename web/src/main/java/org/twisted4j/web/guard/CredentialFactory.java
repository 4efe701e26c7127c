package org.twisted4j.web.guard;

import java.util.Map;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.web.Request;

/**
 * One HTTP authentication scheme for an {@link HTTPAuthSessionWrapper} (Twisted's {@code ICredentialFactory}):
 * it says what to ask a client for in a {@code WWW-Authenticate} challenge, and turns the client's
 * {@code Authorization} header into {@link Credentials} for the portal.
 *
 * <pre>{@code
 * List<CredentialFactory> schemes = List.of(new BasicCredentialFactory("example.org"),
 *         new DigestCredentialFactory("MD5", "example.org", reactor));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
public interface CredentialFactory {

    /**
     * Returns the scheme this factory reads, in lower case, such as {@code basic}: the first word of the
     * {@code Authorization} headers it is given (compared without regard to ASCII case), and the first word of
     * its challenges.
     *
     * @return the scheme
     */
    String scheme();

    /**
     * Makes the directives of a challenge to a client, in the order they are sent. Each value is sent as a
     * quoted string.
     *
     * @param request the request being refused
     * @return directive names and values, such as {@code realm}
     */
    Map<String, String> getChallenge(Request request);

    /**
     * Reads a client's answer.
     *
     * @param response the {@code Authorization} header's value after the scheme word and one space
     * @param request the request it came with
     * @return the credentials to log in with
     * @throws LoginFailed if the answer is malformed or no longer acceptable; the client is challenged again
     */
    Credentials decode(String response, Request request);
}
