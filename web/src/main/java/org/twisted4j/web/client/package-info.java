/**
 * The HTTP client, as twisted.web.client: an {@link org.twisted4j.web.client.HttpAgent} sends a request and
 * gives a Deferred {@link org.twisted4j.web.client.Response} whose body streams to a
 * {@link org.twisted4j.web.BodyReceiver} or is collected with {@link org.twisted4j.web.client.Response#readBody()};
 * request bodies come from a {@link org.twisted4j.web.client.BodyProducer}. Agents wrap one another to add
 * redirects ({@link org.twisted4j.web.client.RedirectAgent}, {@link org.twisted4j.web.client.BrowserLikeRedirectAgent}),
 * decoding ({@link org.twisted4j.web.client.ContentDecoderAgent}), cookies
 * ({@link org.twisted4j.web.client.CookieAgent} over a {@link org.twisted4j.web.client.CookieJar}), as Twisted's
 * do; {@link org.twisted4j.web.client.ProxyAgent} sends them through a forward proxy (absolute-form requests for
 * http, CONNECT tunnels for https, failing with a {@link org.twisted4j.web.client.ProxyTunnelError}); {@link org.twisted4j.web.client.HttpClient} puts them together in the manner of treq.
 *
 * <p>{@link org.twisted4j.web.client.Agent} is the agent that talks HTTP itself — HTTP/1.1, or HTTP/2 when the
 * server chooses {@code h2} through ALPN (or with h2c by prior knowledge), many requests then sharing one
 * connection as streams — over connections kept in an {@link org.twisted4j.web.client.HTTPConnectionPool}, with
 * https checked by a {@link org.twisted4j.web.client.TlsPolicy}:
 * <pre>{@code
 * Agent agent = Agent.create(reactor);
 * agent.request("PUT", URI.create("https://example.org/f"), null, new FileBodyProducer(reactor, path))
 *      .addCallbackDeferred(Response::readBody);
 * }</pre>
 * The exceptions {@link org.twisted4j.web.client.ResponseNeverReceived},
 * {@link org.twisted4j.web.client.ResponseFailed} and {@link org.twisted4j.web.client.RequestTransmissionFailed}
 * tell how a request failed. Every type here is used on the reactor thread only, unless it says otherwise.
 */
@NullMarked
package org.twisted4j.web.client;

import org.jspecify.annotations.NullMarked;
