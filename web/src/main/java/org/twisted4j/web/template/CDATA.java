package org.twisted4j.web.template;

import java.util.Objects;

/**
 * A CDATA section in a document ({@code <![CDATA[data]]>}), as Twisted's {@code CDATA}: kept from a parsed
 * template so that it reaches the output. A {@code ]]>} inside the data is split over two sections on the way
 * out, so that it cannot end the section early.
 *
 * @param data the text between {@code <![CDATA[} and {@code ]]>}
 */
public record CDATA(String data) {
    /** Checks the data is not null. */
    public CDATA {
        Objects.requireNonNull(data, "data");
    }
}
