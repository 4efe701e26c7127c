package org.twisted4j.words.xmpp;

import org.jspecify.annotations.Nullable;

/**
 * SASL negotiation failed: the server sent {@code <failure>} (its condition in {@link #condition()}), offered no
 * mechanism we may use, or a mechanism's exchange went wrong (such as a SCRAM server signature that does not
 * verify).
 */
public final class SaslException extends Exception {

    private static final long serialVersionUID = 1L;

    private final @Nullable String condition;

    /**
     * Creates the error for a local failure.
     *
     * @param message what went wrong
     */
    public SaslException(String message) {
        this(message, null);
    }

    /**
     * Creates the error.
     *
     * @param message what went wrong
     * @param condition the server's failure condition, such as {@code not-authorized}, or null
     */
    public SaslException(String message, @Nullable String condition) {
        super(message);
        this.condition = condition;
    }

    /** Returns the server's failure condition, or null if the failure was local. */
    public @Nullable String condition() {
        return condition;
    }
}
