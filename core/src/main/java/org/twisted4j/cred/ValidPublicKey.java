package org.twisted4j.cred;

/**
 * The public key offered without a signature is one the user may log in with: the SSH server answers
 * {@code SSH_MSG_USERAUTH_PK_OK} and waits for the signed request (Twisted's {@code conch.error.ValidPublicKey}).
 * It is a {@link LoginFailed} because this attempt does not log in.
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public final class ValidPublicKey extends LoginFailed {
    private static final long serialVersionUID = 1L;

    /** Makes the error. */
    public ValidPublicKey() {
        super("the public key is acceptable; a signature is needed");
    }
}
