package org.twisted4j.web;

/**
 * The 403 page, for paths a site refuses to serve.
 *
 * <p>Threading: reactor thread only.
 */
public class ForbiddenResource extends ErrorPage {

    /** Makes the default 403 page. */
    public ForbiddenResource() {
        this("Sorry, resource is forbidden.");
    }

    /**
     * Makes a 403 page with its own explanation.
     *
     * @param message the sentence shown
     */
    public ForbiddenResource(String message) {
        super(403, "Forbidden Resource", message);
    }
}
