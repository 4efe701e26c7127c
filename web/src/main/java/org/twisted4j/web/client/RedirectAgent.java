package org.twisted4j.web.client;

import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * An agent that follows redirects strictly, as Twisted's {@code RedirectAgent}: 301, 302, 307 and 308 are
 * followed for GET and HEAD with the same method, and fail with {@link PageRedirect} for any other method
 * (the caller decides whether to re-send elsewhere); 303 See Other is followed for any method as a GET
 * without a body. For the browsers' looser rules see {@link BrowserLikeRedirectAgent}.
 *
 * <pre>{@code
 * HttpAgent agent = new RedirectAgent(Agent.create(reactor));
 * agent.request("GET", URI.create("http://example.org/old"), null, null)
 *      .addCallback(response -> response.requestUri());   // where it ended up
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A relative {@code Location} is resolved (RFC 3986) against the URI of the request that got the
 *       redirect; Twisted resolves every hop against the first URI, which breaks chains of relative
 *       redirects. A {@code Location} without a fragment keeps the request's fragment.</li>
 *   <li>The response finally given is chained to the redirects before it through
 *       {@link Response#previousResponse()}. The bodies of the redirects followed are read and discarded,
 *       so their connections are freed; those previous responses' bodies cannot be read again.</li>
 *   <li>After {@code limit} redirects followed, one more fails the request with {@link RedirectLimitExceeded};
 *       a redirect without a usable {@code Location} fails it with {@link RedirectWithNoLocation}. Both hold
 *       the response, whose body is still unread.</li>
 *   <li>When a redirect leaves the origin (scheme, host or port changes), {@code Authorization},
 *       {@code Cookie}, {@code Cookie2}, {@code Proxy-Authorization} and {@code WWW-Authenticate}, and any
 *       names given to the constructor, are dropped from the request headers for that hop and every later
 *       one.</li>
 *   <li>A request body is sent again only if it is a {@link ReplayableBodyProducer}; otherwise the GET or
 *       HEAD that follows goes without it, as Twisted's does.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only, as the agent it wraps.
 */
public final class RedirectAgent implements HttpAgent {

    /** Redirects followed at most by default, as Twisted's: 20. */
    public static final int DEFAULT_LIMIT = 20;

    private final RedirectFollower follower;

    /**
     * Wraps {@code agent}, following at most {@link #DEFAULT_LIMIT} redirects per request.
     *
     * @param agent the agent that sends each request
     */
    public RedirectAgent(HttpAgent agent) {
        this(agent, DEFAULT_LIMIT);
    }

    /**
     * Wraps {@code agent}.
     *
     * @param agent the agent that sends each request
     * @param limit the number of redirects followed at most per request; 0 follows none
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public RedirectAgent(HttpAgent agent, int limit) {
        this(agent, limit, Set.of());
    }

    /**
     * Wraps {@code agent}, with more header names to drop on a redirect to another origin.
     *
     * @param agent the agent that sends each request
     * @param limit the number of redirects followed at most per request
     * @param sensitiveHeaders more names (any case) of headers never sent to another origin
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public RedirectAgent(HttpAgent agent, int limit, Set<String> sensitiveHeaders) {
        this.follower = new RedirectFollower(agent, limit, false, sensitiveHeaders);
    }

    /**
     * Sends the request and follows its redirects as the class describes.
     *
     * @throws IllegalArgumentException if the wrapped agent throws it for the first request
     */
    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        return follower.request(method, uri, headers, body);
    }
}
