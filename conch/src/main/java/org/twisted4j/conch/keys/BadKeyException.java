package org.twisted4j.conch.keys;

import java.io.Serial;

/**
 * A key, key line or key file that cannot be read: malformed, truncated, of an unknown type, or inconsistent
 * (as Twisted's {@code BadKeyError}). The only exception the key parsers throw for bad input.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public class BadKeyException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public BadKeyException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public BadKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
