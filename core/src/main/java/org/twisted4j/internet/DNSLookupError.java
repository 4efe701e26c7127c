package org.twisted4j.internet;

/**
 * A host name could not be turned into addresses, or gave none, as Twisted's
 * {@code twisted.internet.error.DNSLookupError}. It is a {@link ConnectError}, since it ends the connection
 * attempt that needed the name.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class DNSLookupError extends ConnectError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was looked up and what went wrong
     */
    public DNSLookupError(String message) {
        super(message);
    }

    /**
     * Creates the error with the failure of the lookup itself.
     *
     * @param message what was looked up and what went wrong
     * @param cause the resolver's own error, such as an {@link java.net.UnknownHostException}
     */
    public DNSLookupError(String message, Throwable cause) {
        super(message, cause);
    }
}
