package org.twisted4j.web.template;

import java.io.Serial;

/** An {@link Element} without a template loader was rendered, as Twisted's {@code MissingTemplateLoader}. */
public final class MissingTemplateLoader extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param element the element
     */
    public MissingTemplateLoader(Object element) {
        super(element.getClass().getName() + " has no template loader");
    }
}
