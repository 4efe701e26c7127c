package org.twisted4j.cred;

/**
 * Credentials a checker can verify with a stored HTTP Digest hash instead of the password (Twisted's
 * {@code IUsernameDigestHash}): the hash is HA1, the hex digest of {@code username:realm:password}.
 *
 * <h2>Threading</h2>
 * As the implementation says.
 */
public interface UsernameDigestHash extends Credentials {

    /** Returns the user name. */
    String username();

    /**
     * Whether the client's response matches the stored hash.
     *
     * @param digestHash HA1 in lower-case hex
     * @return whether it matches
     */
    boolean checkHash(String digestHash);
}
