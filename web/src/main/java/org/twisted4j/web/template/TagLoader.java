package org.twisted4j.web.template;

import java.util.List;
import java.util.Objects;

/**
 * A template that is already a tree of values, such as a tag built with {@link Tags} or one a renderer was given,
 * as Twisted's {@code TagLoader}.
 *
 * <p>Threading: immutable, if the tag is not changed.
 */
public final class TagLoader implements TemplateLoader {

    private final List<Object> document;

    /**
     * Makes the loader.
     *
     * @param tag the document's one value
     */
    public TagLoader(Object tag) {
        this.document = List.of(Objects.requireNonNull(tag, "tag"));
    }

    @Override
    public List<Object> load() {
        return document;
    }
}
