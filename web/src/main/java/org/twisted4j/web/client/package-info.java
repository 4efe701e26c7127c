/**
 * The HTTP client, as twisted.web.client: an {@link org.twisted4j.web.client.HttpAgent} sends a request and
 * gives a Deferred {@link org.twisted4j.web.client.Response} whose body streams to a
 * {@link org.twisted4j.web.BodyReceiver} or is collected with {@link org.twisted4j.web.client.Response#readBody()};
 * request bodies come from a {@link org.twisted4j.web.client.BodyProducer}. Agents wrap one another to add
 * redirects ({@link org.twisted4j.web.client.RedirectAgent}, {@link org.twisted4j.web.client.BrowserLikeRedirectAgent}),
 * decoding ({@link org.twisted4j.web.client.ContentDecoderAgent}), cookies
 * ({@link org.twisted4j.web.client.CookieAgent} over a {@link org.twisted4j.web.client.CookieJar}) and proxies, as
 * Twisted's do; {@link org.twisted4j.web.client.HttpClient} puts them together in the manner of treq.
 */
@NullMarked
package org.twisted4j.web.client;

import org.jspecify.annotations.NullMarked;
