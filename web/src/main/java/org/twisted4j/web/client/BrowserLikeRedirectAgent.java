package org.twisted4j.web.client;

import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * An agent that follows redirects as web browsers do: 301, 302 and 303 are followed for any method and turn
 * the request into a GET without a body (the {@code Content-*} headers go too), as Twisted's
 * {@code BrowserLikeRedirectAgent}; 307 and 308 keep the method and send the body again, when the body is a
 * {@link ReplayableBodyProducer} (or there is none), and fail with {@link PageRedirect} otherwise.
 *
 * <pre>{@code
 * HttpAgent agent = new BrowserLikeRedirectAgent(Agent.create(reactor));
 * agent.request("POST", URI.create("http://example.org/form"), headers, BytesBodyProducer.of(form))
 *      .addCallback(response -> response.code());   // the page the 303 led to
 * }</pre>
 *
 * <p>Everything else (limit, {@code Location} resolution, the {@link Response#previousResponse()} chain, headers
 * dropped across origins) is as for {@link RedirectAgent}. Where Twisted differs: it turns 308 into a GET and
 * refuses 307 for methods other than GET and HEAD; this agent follows RFC 9110 for both.
 *
 * <p>Threading: reactor thread only, as the agent it wraps.
 */
public final class BrowserLikeRedirectAgent implements HttpAgent {

    private final RedirectFollower follower;

    /**
     * Wraps {@code agent}, following at most {@link RedirectAgent#DEFAULT_LIMIT} redirects per request.
     *
     * @param agent the agent that sends each request
     */
    public BrowserLikeRedirectAgent(HttpAgent agent) {
        this(agent, RedirectAgent.DEFAULT_LIMIT);
    }

    /**
     * Wraps {@code agent}.
     *
     * @param agent the agent that sends each request
     * @param limit the number of redirects followed at most per request; 0 follows none
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public BrowserLikeRedirectAgent(HttpAgent agent, int limit) {
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
    public BrowserLikeRedirectAgent(HttpAgent agent, int limit, Set<String> sensitiveHeaders) {
        this.follower = new RedirectFollower(agent, limit, true, sensitiveHeaders);
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
