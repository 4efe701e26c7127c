package org.twisted4j.cred;

import java.util.Objects;

/**
 * A user name and the password in clear, as a client sent it (Twisted's {@code IUsernamePassword}). The
 * checker may compare it with a stored password or with a stored hash.
 *
 * <pre>{@code
 * portal.login(UsernamePassword.of("alice", "secret"), null, Shell.class);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread (the implementation {@link #of} makes is immutable).
 */
public interface UsernamePassword extends Credentials {

    /** Returns the user name. */
    String username();

    /** Returns the password in clear. */
    String password();

    /**
     * Whether the password equals {@code password}, compared in constant time.
     *
     * @param password the stored password in clear
     * @return whether they are equal
     */
    default boolean checkPassword(String password) {
        return Secrets.equal(password(), password);
    }

    /**
     * Makes the credentials; their {@code toString()} does not show the password.
     *
     * @throws NullPointerException if either is null
     */
    static UsernamePassword of(String username, String password) {
        return new Plain(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
    }

    /** The implementation of {@link #of}. */
    record Plain(String username, String password) implements UsernamePassword {
        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + "]";
        }
    }
}
