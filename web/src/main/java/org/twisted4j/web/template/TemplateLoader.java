package org.twisted4j.web.template;

import java.util.List;

/**
 * Where an {@link Element}'s template comes from, as Twisted's {@code ITemplateLoader}: {@link XMLString},
 * {@link XMLFile} or {@link TagLoader}.
 *
 * <p>Threading: a loader is usually shared by every element of a class, across threads; {@link #load} must be
 * safe to call from any thread, and the document it returns must not be changed (renderers change copies).
 */
public interface TemplateLoader {
    /**
     * Returns the template's document: the top-level values, usually one {@link Tag}.
     *
     * @return the document, the same one each time
     * @throws TemplateSyntaxError if the template cannot be parsed
     */
    List<Object> load();
}
