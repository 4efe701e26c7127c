package org.twisted4j.cred;

/**
 * No checker of the {@link Portal} accepts the kind of credentials given (Twisted's
 * {@code UnhandledCredentials}); the message names the credentials' interfaces.
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public final class UnhandledCredentials extends LoginFailed {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what credentials were not handled
     */
    public UnhandledCredentials(String message) {
        super(message);
    }
}
