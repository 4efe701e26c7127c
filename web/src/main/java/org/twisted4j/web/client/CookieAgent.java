package org.twisted4j.web.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * An agent that sends and keeps cookies, as Twisted's {@code CookieAgent}: each request gets a {@code Cookie}
 * field from the {@link CookieJar} (unless it has one already: setting it by hand turns the jar off for that
 * request), and each response's {@code Set-Cookie} fields go into the jar.
 *
 * <pre>{@code
 * CookieJar jar = new CookieJar(reactor);
 * HttpAgent agent = new BrowserLikeRedirectAgent(new CookieAgent(Agent.create(reactor), jar));
 * }</pre>
 * Put it inside a redirect agent, as above, so that cookies set by a redirect are sent on to the next hop.
 *
 * <p>Threading: reactor thread only, as the agent it wraps and the jar.
 */
public final class CookieAgent implements HttpAgent {

    private final HttpAgent agent;
    private final CookieJar jar;

    /**
     * Wraps {@code agent}.
     *
     * @param agent the agent that sends the requests
     * @param jar where cookies are kept
     */
    public CookieAgent(HttpAgent agent, CookieJar jar) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.jar = Objects.requireNonNull(jar, "jar");
    }

    /** Returns the jar this agent keeps cookies in. */
    public CookieJar jar() {
        return jar;
    }

    /**
     * Sends the request with the jar's cookies (on a copy of the headers) and stores the response's.
     *
     * @throws IllegalArgumentException if the wrapped agent throws it
     */
    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        Headers sent = headers;
        if (headers == null || !headers.contains("Cookie")) {
            String cookie = jar.cookieHeader(uri);
            if (cookie != null) {
                sent = new Headers();
                if (headers != null) {
                    headers.forEach(sent::add);
                }
                sent.add("Cookie", cookie);
            }
        }
        return agent.request(method, uri, sent, body).addCallback(response -> {
            List<String> fields = response.headers().getAll("Set-Cookie");
            if (!fields.isEmpty()) {
                jar.setCookies(uri, fields);
            }
            return response;
        });
    }
}
