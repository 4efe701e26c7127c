package org.twisted4j.web.template;

import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Request;

/**
 * Part of a page: a template from a {@link TemplateLoader} whose {@code t:render} names are this object's
 * {@link Renderer} methods, as Twisted's {@code Element}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * final class Greeting extends Element {
 *     private static final TemplateLoader TEMPLATE = XMLString.resource(Greeting.class, "greeting.xml");
 *     private final String name;
 *
 *     Greeting(String name) {
 *         super(TEMPLATE);
 *         this.name = name;
 *     }
 *
 *     @Renderer
 *     public Object name(Request request, Tag tag) {
 *         return tag.add(name);          // escaped on the way out
 *     }
 * }
 *
 * protected byte[] renderGET(Request request) {
 *     return Template.renderElement(request, new Greeting(request.getArg("name")));
 * }
 * }</pre>
 * with {@code greeting.xml}:
 * <pre>{@code
 * <p xmlns:t="http://twistedmatrix.com/ns/twisted.web.template/0.1">Hello, <b t:render="name" />!</p>
 * }</pre>
 *
 * <p>An element may stand anywhere in another's document (returned by a renderer, put in a slot): its own
 * template is rendered there with its own renderers. Override {@link #lookupRenderMethod} to find renderers some
 * other way.
 *
 * <p>Threading: rendered on one thread at a time; an element may be rendered more than once.
 */
public class Element implements Renderable {

    private final @Nullable TemplateLoader loader;

    /**
     * Makes an element with a template.
     *
     * @param loader where its template comes from; loaders parse once and are shared by every element of a class
     */
    public Element(TemplateLoader loader) {
        this.loader = loader;
    }

    /** Makes an element without a template; rendering it fails unless {@link #render} is overridden. */
    protected Element() {
        this.loader = null;
    }

    /**
     * Returns the template's document, for the flattener to fill with this element's renderers.
     *
     * @throws MissingTemplateLoader if this element has no loader
     */
    @Override
    public Object render(@Nullable Request request) {
        TemplateLoader templates = loader;
        if (templates == null) {
            throw new MissingTemplateLoader(this);
        }
        return templates.load();
    }

    /**
     * Returns the {@link Renderer} method of that name, bound to this element.
     *
     * @throws MissingRenderMethod if this element's class has none
     * @throws IllegalStateException if the method cannot be called from this module (see {@link Renderer})
     */
    @Override
    public RenderMethod lookupRenderMethod(String name) {
        return RendererMethods.find(this, name);
    }
}
