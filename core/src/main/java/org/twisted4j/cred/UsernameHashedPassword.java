package org.twisted4j.cred;

import java.util.Objects;

/**
 * A user name and something the client sent that only the password can check, such as a challenge's response
 * (Twisted's {@code IUsernameHashedPassword}). The checker hands it the stored password in clear.
 *
 * <h2>Threading</h2>
 * Any thread for the implementations of this package, unless they say otherwise.
 */
public interface UsernameHashedPassword extends Credentials {

    /** Returns the user name. */
    String username();

    /**
     * Whether what the client sent matches the password.
     *
     * @param password the stored password in clear
     * @return whether it matches
     */
    boolean checkPassword(String password);

    /**
     * Makes credentials whose "hash" is compared with the stored password as it is, in constant time, as
     * Twisted's {@code UsernameHashedPassword} does (useful when the stored passwords are hashes the client also
     * computes).
     *
     * @throws NullPointerException if either is null
     */
    static UsernameHashedPassword of(String username, String hashed) {
        return new Compared(Objects.requireNonNull(username, "username"), Objects.requireNonNull(hashed, "hashed"));
    }

    /** The implementation of {@link #of}. */
    record Compared(String username, String hashed) implements UsernameHashedPassword {
        @Override
        public boolean checkPassword(String password) {
            return Secrets.equal(hashed, password);
        }

        @Override
        public String toString() {
            return "UsernameHashedPassword[username=" + username + "]";
        }
    }
}
