package org.twisted4j.internet;

/**
 * A reactor was asked to run while it was already running or after it had run once (a reactor cannot be
 * restarted), as Twisted's {@code ReactorAlreadyRunning} and {@code ReactorNotRestartable}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ReactorAlreadyRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was wrong: already running, or run before
     */
    public ReactorAlreadyRunning(String message) {
        super(message);
    }
}
