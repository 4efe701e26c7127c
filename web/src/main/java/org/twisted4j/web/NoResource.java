package org.twisted4j.web;

/**
 * The 404 page: what {@link Resource#getChild} returns for a segment that names nothing.
 *
 * <p>Threading: reactor thread only.
 */
public class NoResource extends ErrorPage {

    /** Makes the default 404 page. */
    public NoResource() {
        this("Sorry. No luck finding that resource.");
    }

    /**
     * Makes a 404 page with its own explanation.
     *
     * @param message the sentence shown
     */
    public NoResource(String message) {
        super(404, "No Such Resource", message);
    }
}
