package org.twisted4j.conch.connection;

/**
 * The peer answered a global request (RFC 4254 section 4), such as {@code tcpip-forward}, with
 * {@code SSH_MSG_REQUEST_FAILURE}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class GlobalRequestRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param request the request's name
     */
    public GlobalRequestRefused(String request) {
        super("the server refused " + request);
    }
}
