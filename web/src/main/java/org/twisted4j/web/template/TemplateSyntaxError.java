package org.twisted4j.web.template;

import java.io.Serial;

/**
 * A template could not be parsed: it is not well-formed XML, holds a DOCTYPE (refused, so that no entity is ever
 * expanded or fetched), or misuses a {@code t:} element. The message names the file, line and column.
 */
public final class TemplateSyntaxError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what is wrong and where
     * @param cause the parser's error, or null
     */
    public TemplateSyntaxError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Makes the error.
     *
     * @param message what is wrong and where
     */
    public TemplateSyntaxError(String message) {
        super(message);
    }
}
