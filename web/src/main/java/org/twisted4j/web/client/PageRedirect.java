package org.twisted4j.web.client;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A redirect the agent's rules do not follow for the request's method, so the response is given as a failure
 * rather than silently changing the request: Twisted's {@code PageRedirect}. {@link RedirectAgent} gives it
 * for 301, 302, 307 and 308 answering anything but GET or HEAD; {@link BrowserLikeRedirectAgent} for 307 and
 * 308 when the request's body cannot be sent again (see {@link ReplayableBodyProducer}).
 *
 * <p>Threading: immutable.
 */
public final class PageRedirect extends RedirectFailed {

    private static final long serialVersionUID = 1L;

    private final @Nullable URI location;

    PageRedirect(String why, Response response, @Nullable URI location) {
        super(why, response);
        this.location = location;
    }

    /** Returns where the redirect pointed, resolved, or null if it had no usable {@code Location}. */
    public @Nullable URI location() {
        return location;
    }
}
