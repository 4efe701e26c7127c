package org.twisted4j.web.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * The redirect-following shared by {@link RedirectAgent} and {@link BrowserLikeRedirectAgent}; they differ
 * only in which statuses keep the method and which turn the request into a GET.
 *
 * <p>Threading: reactor thread only.
 */
final class RedirectFollower {

    /** Headers never sent to another origin, as Twisted's defaults. */
    static final Set<String> DEFAULT_SENSITIVE_HEADERS =
            Set.of("authorization", "cookie", "cookie2", "proxy-authorization", "www-authenticate");

    /** Headers that describe a body, dropped when a redirect turns the request into a bodiless GET. */
    private static final Set<String> BODY_HEADERS =
            Set.of("content-type", "content-length", "content-encoding", "content-language", "content-location");

    private enum Action { KEEP_METHOD, GET, REFUSE }

    private final HttpAgent agent;
    private final int limit;
    private final boolean browserLike;
    private final Set<String> sensitive;

    RedirectFollower(HttpAgent agent, int limit, boolean browserLike, Set<String> extraSensitive) {
        this.agent = Objects.requireNonNull(agent, "agent");
        if (limit < 0) {
            throw new IllegalArgumentException("negative redirect limit: " + limit);
        }
        this.limit = limit;
        this.browserLike = browserLike;
        TreeSet<String> names = new TreeSet<>(DEFAULT_SENSITIVE_HEADERS);
        for (String name : extraSensitive) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        this.sensitive = Set.copyOf(names);
    }

    Deferred<Response> request(String method, URI uri, @Nullable Headers headers, @Nullable BodyProducer body) {
        return agent.request(method, uri, headers, body)
                .addCallbackDeferred(response -> handle(response, method, uri, headers, body, 0));
    }

    private Action action(int code, String method, @Nullable BodyProducer body, @Nullable BodyProducer replayed) {
        boolean safe = method.equals("GET") || method.equals("HEAD");
        return switch (code) {
            case 303 -> Action.GET;
            case 301, 302 -> browserLike ? Action.GET : safe ? Action.KEEP_METHOD : Action.REFUSE;
            default -> safe || (browserLike && (body == null || replayed != null))
                    ? Action.KEEP_METHOD : Action.REFUSE;
        };
    }

    private Deferred<Response> handle(Response response, String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body, int count) throws RedirectFailed {
        int code = response.code();
        if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
            return Deferred.succeed(response);
        }
        @Nullable BodyProducer replayed = body instanceof ReplayableBodyProducer r ? r.replay() : null;
        Action action = action(code, method, body, replayed);
        URI location = location(response, uri, action);
        if (action == Action.REFUSE) {
            throw new PageRedirect(method + " is not redirected", response, location);
        }
        if (count >= limit) {
            throw new RedirectLimitExceeded(response, limit);
        }
        if (location == null) {
            throw new RedirectWithNoLocation("no Location header field", response);
        }
        String nextMethod = action == Action.GET ? "GET" : method;
        @Nullable BodyProducer nextBody = action == Action.GET ? null : replayed;
        @Nullable Headers nextHeaders = nextHeaders(headers, uri, location, action == Action.GET);
        discardBody(response);
        return agent.request(nextMethod, location, nextHeaders, nextBody)
                .addCallback(next -> (Response) new Chained(next, response))
                .addCallbackDeferred(next -> handle(next, nextMethod, location, nextHeaders, nextBody, count + 1));
    }

    private static @Nullable URI location(Response response, URI uri, Action action) throws RedirectFailed {
        String value = response.headers().get("Location");
        if (value == null) {
            return null;
        }
        try {
            return UriReferences.resolve(uri, value);
        } catch (URISyntaxException e) {
            if (action == Action.REFUSE) {
                return null;
            }
            RedirectWithNoLocation failed = new RedirectWithNoLocation("unusable Location " + value, response);
            failed.initCause(e);
            throw failed;
        }
    }

    private @Nullable Headers nextHeaders(@Nullable Headers headers, URI from, URI to, boolean dropBody) {
        if (headers == null) {
            return null;
        }
        boolean crossOrigin = !UriReferences.sameOrigin(from, to);
        if (!crossOrigin && !dropBody) {
            return headers;
        }
        Headers copy = new Headers();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!(crossOrigin && sensitive.contains(lower)) && !(dropBody && BODY_HEADERS.contains(lower))) {
                copy.add(name, value);
            }
        });
        return copy;
    }

    /** Reads the redirect's own body away, so that its connection is free for others. */
    private static void discardBody(Response response) {
        try {
            response.deliverBody(Discarding.INSTANCE);
        } catch (IllegalStateException alreadyAsked) {
            // Someone else reads it.
        }
    }

    /** Drops a body. */
    private enum Discarding implements BodyReceiver {
        INSTANCE;

        @Override
        public void dataReceived(ByteBuffer piece) {
            piece.position(piece.limit());
        }

        @Override
        public void bodyFinished() {
        }

        @Override
        public void bodyFailed(Failure reason) {
        }
    }

    /** A response reached by a redirect, which knows the redirect. */
    private static final class Chained extends ForwardingResponse {
        private final Response previous;

        Chained(Response delegate, Response previous) {
            super(delegate);
            this.previous = previous;
        }

        @Override
        public Response previousResponse() {
            return previous;
        }

        @Override
        public Deferred<byte[]> readBody() {
            return delegate.readBody();
        }
    }
}
