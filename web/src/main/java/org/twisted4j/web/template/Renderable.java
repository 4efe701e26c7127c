package org.twisted4j.web.template;

import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Request;

/**
 * Something that renders part of a document and gives the renderers its tags name, as Twisted's
 * {@code IRenderable}. {@link Element} is the usual one.
 *
 * <p>Threading: called on the thread that flattens, the reactor thread when serving a request.
 */
public interface Renderable {

    /**
     * Returns what stands for this object in the document: a tag, a list, a string, a {@code Deferred}... Tags
     * beneath it that name a renderer find it with {@link #lookupRenderMethod}.
     *
     * @param request the request being answered, or null when flattening outside a request
     * @return anything {@link Template#flatten} takes
     * @throws Exception to fail the rendering
     */
    Object render(@Nullable Request request) throws Exception;

    /**
     * Returns the renderer of that name.
     *
     * @param name the name a tag gave ({@code t:render})
     * @return the renderer
     * @throws MissingRenderMethod if there is none of that name
     */
    RenderMethod lookupRenderMethod(String name);
}
