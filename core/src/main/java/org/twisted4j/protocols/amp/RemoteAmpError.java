package org.twisted4j.protocols.amp;

/**
 * An error the peer answered a command with: its error code and description, as Twisted's
 * {@code amp.RemoteAmpError}. {@link AMP#callRemote} turns a code its command declares into the declared
 * exception, and any other into an {@link UnknownRemoteError}.
 *
 * <p>Immutable; any thread.
 */
public class RemoteAmpError extends AmpError {
    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final String description;

    /**
     * Creates one.
     *
     * @param errorCode the {@code _error_code} of the answer
     * @param description its {@code _error_description}
     */
    public RemoteAmpError(String errorCode, String description) {
        super("Code<" + errorCode + ">: " + description);
        this.errorCode = errorCode;
        this.description = description;
    }

    /** The error code: {@code UNKNOWN}, {@code UNHANDLED} or one a command declares. */
    public String errorCode() {
        return errorCode;
    }

    /** The peer's description of the error. */
    public String description() {
        return description;
    }
}
