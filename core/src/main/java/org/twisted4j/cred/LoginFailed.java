package org.twisted4j.cred;

/**
 * A login did not succeed, for whatever reason: the parent of every error a {@link Portal} login fails with, as
 * Twisted's {@code twisted.cred.error.LoginFailed}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public class LoginFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message why the login failed; never the password
     */
    public LoginFailed(String message) {
        super(message);
    }
}
