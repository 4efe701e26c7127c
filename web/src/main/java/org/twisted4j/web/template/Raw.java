package org.twisted4j.web.template;

import java.util.Objects;

/**
 * Markup written as it is, unescaped: the one way to put text into a document without escaping it, named so that
 * a reader sees it. Within an attribute value it is escaped all the same, as any markup there is.
 *
 * <pre>{@code
 * tags.div(Raw.markup("<b>trusted, never from a user</b>"))
 * }</pre>
 *
 * <p>Twisted has no such type (its users parse the markup with {@code XMLString}); never wrap data that came from
 * a user.
 *
 * @param markup the markup
 */
public record Raw(String markup) {
    /** Checks the markup is not null. */
    public Raw {
        Objects.requireNonNull(markup, "markup");
    }

    /**
     * Returns markup to be written unescaped.
     *
     * @param markup the markup, trusted
     * @return it, wrapped
     */
    public static Raw markup(String markup) {
        return new Raw(markup);
    }
}
