package org.twisted4j.web.client;

/**
 * A redirect came after as many redirects as the agent's limit allows: a loop, most likely. Twisted's
 * {@code InfiniteRedirection}.
 *
 * <p>Threading: immutable.
 */
public final class RedirectLimitExceeded extends RedirectFailed {

    private static final long serialVersionUID = 1L;

    private final int limit;

    RedirectLimitExceeded(Response response, int limit) {
        super("more than " + limit + " redirects", response);
        this.limit = limit;
    }

    /** Returns the number of redirects the agent was allowed to follow. */
    public int limit() {
        return limit;
    }
}
