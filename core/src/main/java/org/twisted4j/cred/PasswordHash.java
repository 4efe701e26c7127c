package org.twisted4j.cred;

/**
 * Turns the password a client sent into what a password file stores, for {@link FilePasswordDB}'s {@code hash}
 * option (Twisted's {@code hash(username, password, storedPassword)}). The stored value is given so that a
 * salted scheme can take its salt from it.
 *
 * <h2>Threading</h2>
 * Called on the thread that checks the credentials, normally the reactor's.
 */
@FunctionalInterface
public interface PasswordHash {

    /**
     * Hashes a password.
     *
     * @param username the user name the client gave
     * @param password the password in clear
     * @param stored what the file holds for the user
     * @return the value to compare with {@code stored}
     */
    String hash(String username, String password, String stored);
}
