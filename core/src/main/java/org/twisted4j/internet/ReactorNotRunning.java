package org.twisted4j.internet;

/**
 * A reactor was asked to stop while it was not running (never started, or already stopping), as Twisted's
 * {@code twisted.internet.error.ReactorNotRunning}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ReactorNotRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a standard message. */
    public ReactorNotRunning() {
        super("cannot stop a reactor that is not running");
    }
}
