package org.twisted4j.conch.agent;

/**
 * An agent refused a request, answered with something unexpected, or went away.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class AgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what went wrong
     */
    public AgentException(String message) {
        super(message);
    }

    /**
     * Makes the error with its cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
