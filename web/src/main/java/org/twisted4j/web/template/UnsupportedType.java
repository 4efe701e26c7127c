package org.twisted4j.web.template;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A value in a document is of no type the flattener writes, as Twisted's {@code UnsupportedType}: numbers and other
 * objects are turned into strings by the renderer that returns them, so that what reaches the page is chosen, not
 * a {@code toString()}.
 */
public final class UnsupportedType extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param value the value, or null
     */
    public UnsupportedType(@Nullable Object value) {
        super(value == null ? "cannot flatten null" : "cannot flatten a " + value.getClass().getName() + ": " + value);
    }
}
