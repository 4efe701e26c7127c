package org.twisted4j.web.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Headers;

/**
 * What goes with one {@link HttpClient} request besides its method and URL, as treq's keyword arguments:
 * query parameters, headers, a body, credentials, a timeout, cookies and whether to follow redirects.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *         .param("q", "twisted java").param("tag", "a").param("tag", "b")
 *         .header("Accept", "application/json")
 *         .basicAuth("user", "secret")
 *         .timeout(10)
 *         .build();
 * client.get("https://example.org/search", options);
 * }</pre>
 *
 * <p>Threading: immutable once built; any thread.
 */
public final class RequestOptions {

    /** No options: no parameters, headers, body or timeout; redirects as the client does. */
    public static final RequestOptions NONE = builder().build();

    /** The kinds of body a request can have. */
    enum BodyKind { NONE, BYTES, FORM, MULTIPART, JSON, PRODUCER }

    final List<Map.Entry<String, String>> params;
    final List<Map.Entry<String, String>> headers;
    final List<Map.Entry<String, String>> cookies;
    final BodyKind bodyKind;
    final @Nullable Object body;
    final @Nullable String username;
    final @Nullable String password;
    final double timeoutSeconds;
    final @Nullable Boolean followRedirects;

    private RequestOptions(Builder b) {
        params = List.copyOf(b.params);
        headers = List.copyOf(b.headers);
        cookies = List.copyOf(b.cookies);
        bodyKind = b.bodyKind;
        body = b.bodyKind == BodyKind.FORM ? List.copyOf(b.form) : b.body;
        username = b.username;
        password = b.password;
        timeoutSeconds = b.timeoutSeconds;
        followRedirects = b.followRedirects;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the headers given, as a new {@link Headers}. */
    Headers headersCopy() {
        Headers copy = new Headers();
        for (Map.Entry<String, String> h : headers) {
            copy.add(h.getKey(), h.getValue());
        }
        return copy;
    }

    /**
     * Builds {@link RequestOptions}. A body set replaces any body set before.
     *
     * <p>Threading: one thread at a time.
     */
    public static final class Builder {
        private final List<Map.Entry<String, String>> params = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<Map.Entry<String, String>> cookies = new ArrayList<>();
        private final List<Map.Entry<String, String>> form = new ArrayList<>();
        private BodyKind bodyKind = BodyKind.NONE;
        private @Nullable Object body;
        private @Nullable String username;
        private @Nullable String password;
        private double timeoutSeconds;
        private @Nullable Boolean followRedirects;

        private Builder() {
        }

        /**
         * Adds a query parameter, after those the URL has; a name may repeat.
         *
         * @param name the parameter name
         * @param value its value (form-encoded on the way: UTF-8, space as {@code +})
         * @return this builder
         */
        public Builder param(String name, String value) {
            params.add(Map.entry(name, value));
            return this;
        }

        /**
         * Adds a header field, after any of the same name.
         *
         * @param name the field name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
         */
        public Builder header(String name, String value) {
            new Headers().add(name, value);
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * Sends these bytes as the body (with no {@code Content-Type} unless a header gives one).
         *
         * @param bytes the body, not copied
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            return body(BodyKind.BYTES, Objects.requireNonNull(bytes, "bytes"));
        }

        /**
         * Sends a body from a producer (not replayable unless it is a {@link ReplayableBodyProducer}).
         *
         * @param producer the body
         * @return this builder
         */
        public Builder body(BodyProducer producer) {
            return body(BodyKind.PRODUCER, Objects.requireNonNull(producer, "producer"));
        }

        /**
         * Adds a field to an {@code application/x-www-form-urlencoded} body (making the body a form, if it
         * was something else).
         *
         * @param name the field name
         * @param value its value
         * @return this builder
         */
        public Builder formField(String name, String value) {
            if (bodyKind != BodyKind.FORM) {
                form.clear();
                body(BodyKind.FORM, form);
            }
            form.add(Map.entry(name, value));
            return this;
        }

        /**
         * Sends a {@code multipart/form-data} body, with its {@code Content-Type}.
         *
         * @param multipart the body
         * @return this builder
         */
        public Builder multipart(MultipartFormBody multipart) {
            return body(BodyKind.MULTIPART, Objects.requireNonNull(multipart, "multipart"));
        }

        /**
         * Sends {@code value} encoded by the client's {@link JsonCodec}, as {@code application/json}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder json(Object value) {
            return body(BodyKind.JSON, Objects.requireNonNull(value, "value"));
        }

        private Builder body(BodyKind kind, Object value) {
            bodyKind = kind;
            body = value;
            return this;
        }

        /**
         * Sends HTTP Basic credentials ({@code Authorization: Basic ...}, UTF-8). They are dropped if a
         * redirect leaves the origin.
         *
         * @param username the user name, without {@code :}
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException if the user name holds {@code :}
         */
        public Builder basicAuth(String username, String password) {
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name cannot hold ':'");
            }
            this.username = username;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Cancels the request if its response's head has not arrived within {@code seconds} on the client's
         * clock; it then fails with {@link org.twisted4j.defer.TimeoutError}.
         *
         * @param seconds the time allowed; 0 for none (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is negative or not a number
         */
        public Builder timeout(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("bad timeout: " + seconds);
            }
            this.timeoutSeconds = seconds;
            return this;
        }

        /**
         * Adds a cookie for this request's host (stored in the client's jar, as treq does, if it has one).
         *
         * @param name the cookie's name
         * @param value its value
         * @return this builder
         */
        public Builder cookie(String name, String value) {
            cookies.add(Map.entry(name, value));
            return this;
        }

        /**
         * Says whether to follow redirects for this request, instead of the client's default.
         *
         * @param follow whether to follow them
         * @return this builder
         */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /** Returns the options. */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
