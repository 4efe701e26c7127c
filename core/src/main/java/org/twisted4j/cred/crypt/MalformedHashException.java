package org.twisted4j.cred.crypt;

/**
 * A stored password hash is not in the form its prefix announces (a bad cost or round count, a salt or digest
 * of the wrong length or alphabet). The one error the parsers of this package throw on bad input.
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public final class MalformedHashException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what is wrong; never the password
     */
    public MalformedHashException(String message) {
        super(message);
    }
}
