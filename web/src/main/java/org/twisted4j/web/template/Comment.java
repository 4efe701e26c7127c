package org.twisted4j.web.template;

import java.util.Objects;

/**
 * An XML comment in a document ({@code <!--data-->}), as Twisted's {@code Comment}: kept from a parsed template
 * so that it reaches the output. On the way out {@code --} becomes {@code - - }, {@code >} becomes {@code &gt;}
 * and a trailing {@code -} gets a space, so that the data cannot end the comment early.
 *
 * @param data the text between {@code <!--} and {@code -->}
 */
public record Comment(String data) {
    /** Checks the data is not null. */
    public Comment {
        Objects.requireNonNull(data, "data");
    }
}
