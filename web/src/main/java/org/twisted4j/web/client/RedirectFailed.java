package org.twisted4j.web.client;

import java.net.URI;

/**
 * A redirect that a {@link RedirectAgent} or {@link BrowserLikeRedirectAgent} would not or could not follow:
 * the failure of the request's Deferred, holding the redirect response itself (whose body has not been read,
 * so it can still be). The kinds are the subclasses, for {@link org.twisted4j.defer.Failure#trap}:
 * {@link RedirectLimitExceeded}, {@link RedirectWithNoLocation} and {@link PageRedirect}.
 *
 * <p>Threading: immutable; the response it holds belongs to the reactor thread.
 */
public abstract sealed class RedirectFailed extends Exception
        permits RedirectLimitExceeded, RedirectWithNoLocation, PageRedirect {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    RedirectFailed(String message, Response response) {
        super(message + ": " + response.code() + " for " + response.requestUri());
        this.response = response;
    }

    /** Returns the redirect response that was not followed. */
    public Response response() {
        return response;
    }

    /** Returns the URI of the request that was answered with the redirect. */
    public URI requestUri() {
        return response.requestUri();
    }
}
