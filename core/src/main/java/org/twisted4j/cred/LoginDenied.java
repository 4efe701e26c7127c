package org.twisted4j.cred;

/**
 * The realm refused an avatar to a user whose credentials were good (Twisted's {@code LoginDenied}), for
 * instance because the account may not use this service.
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public final class LoginDenied extends LoginFailed {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message why
     */
    public LoginDenied(String message) {
        super(message);
    }
}
