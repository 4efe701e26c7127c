package org.twisted4j.web.template;

import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Request;

/**
 * A renderer: given the tag that named it, returns what replaces that tag in the document. An {@link Element}'s
 * renderers are its {@link Renderer} methods.
 */
@FunctionalInterface
public interface RenderMethod {

    /**
     * Renders.
     *
     * @param request the request being answered, or null when flattening outside a request
     * @param tag a shallow copy of the tag that named this renderer, without its {@code render} name
     * @return anything {@link Template#flatten} takes, often {@code tag} filled
     * @throws Exception to fail the rendering
     */
    Object render(@Nullable Request request, Tag tag) throws Exception;
}
