package org.twisted4j.web.template;

import java.io.Serial;

/** A tag named a renderer that its {@link Renderable} does not have, as Twisted's {@code MissingRenderMethod}. */
public final class MissingRenderMethod extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String renderName;

    /**
     * Makes the error.
     *
     * @param element the renderable asked
     * @param renderName the name asked for
     */
    public MissingRenderMethod(Object element, String renderName) {
        super(element.getClass().getName() + " has no renderer \"" + renderName + "\"");
        this.renderName = renderName;
    }

    /** Returns the name asked for. */
    public String renderName() {
        return renderName;
    }
}
