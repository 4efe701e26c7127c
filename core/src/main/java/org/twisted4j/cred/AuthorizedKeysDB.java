package org.twisted4j.cred;

import java.util.List;

/**
 * Where {@link SSHPublicKeyChecker} finds the keys a user may log in with (Twisted's
 * {@code IAuthorizedKeysDB}).
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; implementations that read files do it there.
 */
@FunctionalInterface
public interface AuthorizedKeysDB {

    /**
     * Returns the user's keys; none for an unknown user.
     *
     * @param username the user name the client gave
     * @return the keys, possibly empty
     */
    List<AuthorizedKey> getAuthorizedKeys(String username);
}
