package org.twisted4j.web.client;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * Sends HTTP requests: Twisted's {@code IAgent}. {@code Agent} talks to servers itself; the other agents wrap
 * one (following redirects, decoding bodies, keeping cookies) and are agents themselves.
 *
 * <pre>{@code
 * HttpAgent agent = new RedirectAgent(Agent.create(reactor), 20);
 * agent.request("GET", URI.create("https://example.org/"), null, null)
 *      .addCallbackDeferred(Response::readBody)
 *      .addCallback(body -> new String(body, UTF_8));
 * }</pre>
 *
 * <p>Threading: reactor thread only; the Deferreds fire on it.
 */
public interface HttpAgent {

    /**
     * Sends a request. The Deferred fires with the response once its status line and headers have arrived
     * (its body follows, see {@link Response}), or fails: with the connection's error, with a timeout, or
     * with {@link org.twisted4j.defer.CancelledError} if cancelled (which closes the connection).
     *
     * @param method the method, such as {@code GET}
     * @param uri an absolute {@code http} or {@code https} URI
     * @param headers request headers, or null for none; {@code Host} and the body's framing are added
     * @param body the request body, or null for none
     * @return the response to come
     * @throws IllegalArgumentException if the URI is not absolute or its scheme is not supported (some agents
     *     fail the Deferred instead)
     */
    Deferred<Response> request(String method, URI uri, @Nullable Headers headers, @Nullable BodyProducer body);
}
