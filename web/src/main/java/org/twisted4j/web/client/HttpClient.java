package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.Headers;

/**
 * A convenient HTTP client over any {@link HttpAgent}, as treq is over Twisted's {@code Agent}: one call per
 * request, with query parameters, form, multipart and JSON bodies, Basic credentials and a timeout; redirects
 * followed the browsers' way, gzip and deflate bodies decoded and cookies kept, by default.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.builder(Agent.create(reactor), reactor).jsonCodec(codec).build();
 * client.post("https://example.org/api/items",
 *             RequestOptions.builder().json(Map.of("name", "widget")).timeout(30).build())
 *       .addCallbackDeferred(response -> client.json(response, Item.class))
 *       .addCallback(item -> item.id());
 * }</pre>
 *
 * <h2>Defaults</h2>
 * Requests go through, from the outside in: a {@link ContentDecoderAgent} (gzip, deflate), a
 * {@link BrowserLikeRedirectAgent} (20 redirects), a {@link CookieAgent} with the client's {@link CookieJar} (its
 * own empty one unless given), then the agent given. Each layer can be turned off on the builder; redirects also
 * per request. Unlike treq, bodies are not buffered before the response is given: read them with
 * {@link #content}, {@link #text} or {@link #json} (or {@link ResponseContent}).
 *
 * <p>Threading: reactor thread only, as the agent.
 */
public final class HttpClient {

    private final HttpAgent following;
    private final HttpAgent notFollowing;
    private final ReactorTime clock;
    private final @Nullable CookieJar jar;
    private final @Nullable JsonCodec codec;
    private final boolean followByDefault;

    private HttpClient(Builder b) {
        this.clock = b.clock;
        this.jar = b.cookies ? (b.jar != null ? b.jar : new CookieJar(b.clock)) : null;
        this.codec = b.codec;
        this.followByDefault = b.followRedirects;
        HttpAgent base = jar == null ? b.agent : new CookieAgent(b.agent, jar);
        HttpAgent redirecting = new BrowserLikeRedirectAgent(base, b.redirectLimit);
        this.following = b.decode ? new ContentDecoderAgent(redirecting, ContentDecoderAgent.GZIP_AND_DEFLATE)
                : redirecting;
        this.notFollowing = b.decode ? new ContentDecoderAgent(base, ContentDecoderAgent.GZIP_AND_DEFLATE) : base;
    }

    /**
     * Returns a client with every default over {@code agent}.
     *
     * @param agent the agent that sends the requests
     * @param clock the clock for timeouts and cookie expiry (the reactor)
     * @return the client
     */
    public static HttpClient create(HttpAgent agent, ReactorTime clock) {
        return builder(agent, clock).build();
    }

    /**
     * Returns a builder for a client over {@code agent}.
     *
     * @param agent the agent that sends the requests
     * @param clock the clock for timeouts and cookie expiry (the reactor)
     * @return the builder
     */
    public static Builder builder(HttpAgent agent, ReactorTime clock) {
        return new Builder(agent, clock);
    }

    /** Returns the client's cookie jar, or null if it keeps no cookies. */
    public @Nullable CookieJar cookieJar() {
        return jar;
    }

    /** Sends a GET; see {@link #request}. */
    public Deferred<Response> get(String url) {
        return request("GET", url, RequestOptions.NONE);
    }

    /** Sends a GET; see {@link #request}. */
    public Deferred<Response> get(String url, RequestOptions options) {
        return request("GET", url, options);
    }

    /** Sends a HEAD; see {@link #request}. */
    public Deferred<Response> head(String url, RequestOptions options) {
        return request("HEAD", url, options);
    }

    /** Sends a POST; see {@link #request}. */
    public Deferred<Response> post(String url, RequestOptions options) {
        return request("POST", url, options);
    }

    /** Sends a PUT; see {@link #request}. */
    public Deferred<Response> put(String url, RequestOptions options) {
        return request("PUT", url, options);
    }

    /** Sends a PATCH; see {@link #request}. */
    public Deferred<Response> patch(String url, RequestOptions options) {
        return request("PATCH", url, options);
    }

    /** Sends a DELETE; see {@link #request}. */
    public Deferred<Response> delete(String url, RequestOptions options) {
        return request("DELETE", url, options);
    }

    /**
     * Sends a request. Problems with the request itself (a URL that is not absolute http or https, a JSON body
     * without a codec, a value the codec cannot encode) fail the Deferred rather than throw.
     *
     * @param method the method, such as {@code GET}
     * @param url an absolute {@code http} or {@code https} URL; the options' parameters are appended to its query
     * @param options parameters, headers, body and the rest
     * @return the response, once its head has arrived; its body is still to be read
     */
    public Deferred<Response> request(String method, String url, RequestOptions options) {
        Deferred<Response> response;
        try {
            URI uri = withParams(URI.create(url), options.params);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("not an absolute http or https URL: " + url);
            }
            Headers headers = options.headersCopy();
            BodyProducer body = body(options, headers);
            if (options.username != null && !headers.contains("Authorization")) {
                String credentials = options.username + ":" + options.password;
                headers.add("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8)));
            }
            addCookies(uri, options.cookies, headers);
            boolean follow = options.followRedirects != null ? options.followRedirects : followByDefault;
            response = (follow ? following : notFollowing).request(method, uri, headers, body);
        } catch (Exception e) {
            return Deferred.fail(e);
        }
        return options.timeoutSeconds > 0 ? response.addTimeout(options.timeoutSeconds, clock) : response;
    }

    private @Nullable BodyProducer body(RequestOptions options, Headers headers) throws Exception {
        Object body = options.body;
        switch (options.bodyKind) {
            case NONE -> {
                return null;
            }
            case BYTES -> {
                return BytesBodyProducer.of((byte[]) Objects.requireNonNull(body));
            }
            case PRODUCER -> {
                return (BodyProducer) Objects.requireNonNull(body);
            }
            case FORM -> {
                @SuppressWarnings("unchecked")
                List<Map.Entry<String, String>> fields = (List<Map.Entry<String, String>>) Objects.requireNonNull(body);
                defaultContentType(headers, "application/x-www-form-urlencoded");
                return BytesBodyProducer.of(FormEncoding.encode(fields).getBytes(UTF_8));
            }
            case MULTIPART -> {
                MultipartFormBody multipart = (MultipartFormBody) Objects.requireNonNull(body);
                defaultContentType(headers, multipart.contentType());
                return multipart;
            }
            case JSON -> {
                JsonCodec c = codec;
                if (c == null) {
                    throw new IllegalStateException("a JSON body needs a JsonCodec on the client");
                }
                defaultContentType(headers, "application/json; charset=UTF-8");
                return BytesBodyProducer.of(c.encode(Objects.requireNonNull(body)));
            }
            default -> throw new AssertionError(options.bodyKind);
        }
    }

    private static void defaultContentType(Headers headers, String type) {
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type", type);
        }
    }

    private void addCookies(URI uri, List<Map.Entry<String, String>> cookies, Headers headers) {
        if (cookies.isEmpty()) {
            return;
        }
        CookieJar j = jar;
        if (j != null) {
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            for (Map.Entry<String, String> c : cookies) {
                j.put(new Cookie(c.getKey(), c.getValue(), CookieJar.canonicalHost(uri), "/", null, true, secure,
                        false, null, j.now()));
            }
            return;
        }
        StringBuilder value = new StringBuilder(headers.get("Cookie") == null ? "" : headers.get("Cookie"));
        for (Map.Entry<String, String> c : cookies) {
            if (!value.isEmpty()) {
                value.append("; ");
            }
            value.append(c.getKey()).append('=').append(c.getValue());
        }
        headers.set("Cookie", value.toString());
    }

    /** Appends form-encoded parameters to the URI's query. */
    static URI withParams(URI uri, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return uri;
        }
        String text = uri.toString();
        int hash = text.indexOf('#');
        String fragment = hash < 0 ? "" : text.substring(hash);
        String beforeFragment = hash < 0 ? text : text.substring(0, hash);
        String join = uri.getRawQuery() == null ? "?" : uri.getRawQuery().isEmpty() ? "" : "&";
        return URI.create(beforeFragment + join + FormEncoding.encode(params) + fragment);
    }

    /**
     * Collects a response's body, as treq's {@code content}.
     *
     * @throws IllegalStateException if the body has already been asked for
     */
    public Deferred<byte[]> content(Response response) {
        return ResponseContent.content(response);
    }

    /**
     * Collects a response's body as text, as treq's {@code text_content}: the charset its
     * {@code Content-Type} names, else ISO-8859-1 (UTF-8 for {@code application/json}).
     *
     * @throws IllegalStateException if the body has already been asked for
     */
    public Deferred<String> text(Response response) {
        return ResponseContent.text(response);
    }

    /**
     * Collects a response's body as text, with {@code fallback} when the headers name no charset.
     *
     * @throws IllegalStateException if the body has already been asked for
     */
    public Deferred<String> text(Response response, Charset fallback) {
        return ResponseContent.text(response, fallback);
    }

    /**
     * Collects a response's body and decodes it with the client's {@link JsonCodec}, as treq's
     * {@code json_content}.
     *
     * @throws IllegalStateException if the client has no codec, or the body has already been asked for
     */
    public <T> Deferred<T> json(Response response, Class<T> type) {
        JsonCodec c = codec;
        if (c == null) {
            throw new IllegalStateException("no JsonCodec on this client");
        }
        return ResponseContent.json(response, c, type);
    }

    /**
     * Builds an {@link HttpClient}.
     *
     * <p>Threading: one thread at a time.
     */
    public static final class Builder {
        private final HttpAgent agent;
        private final ReactorTime clock;
        private boolean followRedirects = true;
        private int redirectLimit = RedirectAgent.DEFAULT_LIMIT;
        private boolean decode = true;
        private boolean cookies = true;
        private @Nullable CookieJar jar;
        private @Nullable JsonCodec codec;

        private Builder(HttpAgent agent, ReactorTime clock) {
            this.agent = Objects.requireNonNull(agent, "agent");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * Says whether requests follow redirects unless their options say otherwise (default true).
         *
         * @param follow whether to follow
         * @return this builder
         */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /**
         * Sets the number of redirects followed at most (default 20).
         *
         * @param limit the limit
         * @return this builder
         * @throws IllegalArgumentException if the limit is negative
         */
        public Builder redirectLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("negative redirect limit: " + limit);
            }
            this.redirectLimit = limit;
            return this;
        }

        /**
         * Says whether to ask for and decode gzip and deflate bodies (default true).
         *
         * @param decode whether to decode
         * @return this builder
         */
        public Builder decodeContent(boolean decode) {
            this.decode = decode;
            return this;
        }

        /**
         * Keeps cookies in {@code jar} (default: a new jar of the client's own).
         *
         * @param jar the jar
         * @return this builder
         */
        public Builder cookieJar(CookieJar jar) {
            this.jar = Objects.requireNonNull(jar, "jar");
            this.cookies = true;
            return this;
        }

        /**
         * Says whether to keep cookies at all (default true).
         *
         * @param keep whether to keep them
         * @return this builder
         */
        public Builder cookies(boolean keep) {
            this.cookies = keep;
            return this;
        }

        /**
         * Sets the codec for JSON bodies and {@link HttpClient#json} (default none).
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder jsonCodec(JsonCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Returns the client. */
        public HttpClient build() {
            return new HttpClient(this);
        }
    }
}
