package org.twisted4j.cred;

/**
 * No {@link CheckerFactory} has the type an {@code --auth} string names (Twisted's {@code InvalidAuthType}).
 *
 * <h2>Threading</h2>
 * Any thread (immutable once thrown).
 */
public final class InvalidAuthType extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String authType;

    /**
     * Makes the error.
     *
     * @param authType the type asked for
     */
    public InvalidAuthType(String authType) {
        super("unknown auth type '" + authType + "' (known: " + String.join(", ", StrCred.authTypes()) + ")");
        this.authType = authType;
    }

    /** Returns the type asked for. */
    public String authType() {
        return authType;
    }
}
