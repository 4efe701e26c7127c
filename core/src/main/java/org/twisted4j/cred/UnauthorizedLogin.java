package org.twisted4j.cred;

/**
 * The credentials were refused: unknown user, wrong password, locked account. Checkers fail with this and
 * say nothing to the client about which part was wrong (Twisted's {@code UnauthorizedLogin}).
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public class UnauthorizedLogin extends LoginFailed {
    private static final long serialVersionUID = 1L;

    /** Makes the error with a generic message. */
    public UnauthorizedLogin() {
        this("Unauthorized login");
    }

    /**
     * Makes the error.
     *
     * @param message why, for the server's log; never the password
     */
    public UnauthorizedLogin(String message) {
        super(message);
    }
}
