package org.twisted4j.protocols.amp;

/**
 * The peer has no responder for the command: it answered with code {@value BoxDispatcher#UNHANDLED_ERROR_CODE},
 * as Twisted's {@code amp.UnhandledCommand}.
 *
 * <p>Immutable; any thread.
 */
public final class UnhandledCommand extends AmpError {
    private static final long serialVersionUID = 1L;

    private final String description;

    /** One with the peer's description (Twisted's reads {@code Unhandled Command: b'Name'}). */
    public UnhandledCommand(String description) {
        super(description);
        this.description = description;
    }

    /** The peer's description. */
    public String description() {
        return description;
    }
}
