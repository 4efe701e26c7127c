package org.twisted4j.web.client;

/**
 * A redirect without a usable {@code Location} field: none at all, or one that is not a URI reference even
 * after escaping. Twisted's {@code RedirectWithNoLocation}.
 *
 * <p>Threading: immutable.
 */
public final class RedirectWithNoLocation extends RedirectFailed {

    private static final long serialVersionUID = 1L;

    RedirectWithNoLocation(String why, Response response) {
        super(why, response);
    }
}
