package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Headers;
import org.twisted4j.web.http2.HeaderField;

/**
 * One request as the client sends it: method, URI, header fields and body, and whether the connection may
 * stay open after it. Writes its own head.
 *
 * @param method the method, an HTTP token
 * @param uri the absolute {@code http} or {@code https} URI
 * @param headers the caller's header fields (never changed here)
 * @param body the body, or null for none
 * @param persistent false to ask the server to close the connection after the response
 * @param absoluteForm true to send the whole URI as the request target, as to a forward proxy (RFC 9112 §3.2.2)
 */
record ClientRequest(String method, URI uri, Headers headers, @Nullable BodyProducer body, boolean persistent,
        boolean absoluteForm) {

    /** Methods that the client may send again after a stale connection dropped them (RFC 9110 §9.2.2). */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "DELETE", "PUT", "TRACE");
    /** Methods whose missing body is sent as {@code Content-Length: 0}, as servers expect one. */
    private static final Set<String> EXPECT_BODY = Set.of("POST", "PUT", "PATCH");
    /** Fields an HTTP/2 request does not carry: Host becomes :authority, the others are connection-specific. */
    private static final Set<String> NOT_OVER_HTTP2 =
            Set.of("host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    ClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        if (method.isEmpty() || !method.chars().allMatch(ClientRequest::isTokenChar)) {
            throw new IllegalArgumentException("not a valid method: '" + method + "'");
        }
        checkUri(uri);
    }

    /** A request in origin form, as sent to the origin server itself. */
    ClientRequest(String method, URI uri, Headers headers, @Nullable BodyProducer body, boolean persistent) {
        this(method, uri, headers, body, persistent, false);
    }

    /**
     * Checks that the client can send a request to {@code uri}.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URI with a host
     */
    static void checkUri(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an absolute http or https URI: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
    }

    /**
     * Returns this request for another attempt: with a fresh producer of its body, or null if the body cannot
     * be produced again.
     */
    @Nullable ClientRequest again() {
        if (body == null) {
            return this;
        }
        BodyProducer fresh = body instanceof ReplayableBodyProducer replayable ? replayable.replay() : null;
        return fresh == null ? null : new ClientRequest(method, uri, headers, fresh, persistent, absoluteForm);
    }

    /** Returns whether the URI's scheme is https. */
    boolean secure() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** Returns the port to connect to: the URI's, or the scheme's default. */
    int port() {
        return port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Returns whether the request may be sent again on a new connection: idempotent, with a body to replay. */
    boolean retryable() {
        return IDEMPOTENT.contains(method) && (body == null || body instanceof ReplayableBodyProducer);
    }

    /** Returns whether the response has no body whatever its header fields say. */
    boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * Returns the request target: the raw path (or {@code /}) and query, after the scheme and authority in
     * absolute form.
     */
    String target() {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String origin = (path == null || path.isEmpty() ? "/" : path) + (query != null ? "?" + query : "");
        return absoluteForm ? uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostField() + origin : origin;
    }

    /** Returns the Host field's value: the host, with the port unless it is the scheme's default. */
    String hostField() {
        boolean defaultPort = uri.getPort() < 0 || uri.getPort() == (secure() ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Writes the head: request line, Host (unless the caller gave one), the caller's fields but those of
     * framing, the body's framing, and {@code Connection: close} unless persistent.
     *
     * @param userAgent a User-Agent to add unless the caller gave one, or null
     * @return the head's bytes
     */
    ByteBuffer encodeHead(@Nullable String userAgent) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        if (!headers.contains("Host")) {
            out.append("Host: ").append(hostField()).append("\r\n");
        }
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean ours = lower.equals("content-length") || lower.equals("transfer-encoding")
                    || (!persistent && lower.equals("connection"));
            if (!ours) {
                out.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (userAgent != null && !headers.contains("User-Agent")) {
            out.append("User-Agent: ").append(userAgent).append("\r\n");
        }
        if (body == null) {
            if (EXPECT_BODY.contains(method)) {
                out.append("Content-Length: 0\r\n");
            }
        } else if (body.length() == BodyProducer.UNKNOWN_LENGTH) {
            out.append("Transfer-Encoding: chunked\r\n");
        } else {
            out.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        if (!persistent) {
            out.append("Connection: close\r\n");
        }
        out.append("\r\n");
        return ByteBuffer.wrap(out.toString().getBytes(ISO_8859_1));
    }

    /**
     * Returns the HTTP/2 request header list: {@code :method}, {@code :scheme}, {@code :authority} (the caller's
     * Host, else {@link #hostField()}), {@code :path}, then the caller's fields with lower-case names but Host
     * and the connection-specific ones (RFC 9113 §8.2.2; {@code te} only as {@code trailers}), a User-Agent as
     * for HTTP/1.1, and {@code content-length} from the body's length (0 without a body for POST, PUT, PATCH).
     *
     * @param userAgent a User-Agent to add unless the caller gave one, or null
     * @return the fields, pseudo-headers first
     */
    List<HeaderField> http2Head(@Nullable String userAgent) {
        List<HeaderField> fields = new ArrayList<>();
        String host = headers.get("Host");
        fields.add(new HeaderField(":method", method));
        fields.add(new HeaderField(":scheme", secure() ? "https" : "http"));
        fields.add(new HeaderField(":authority", host != null ? host : hostField()));
        fields.add(new HeaderField(":path", target()));
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean dropped = NOT_OVER_HTTP2.contains(lower) || lower.equals("content-length")
                    || (lower.equals("te") && !value.equalsIgnoreCase("trailers"));
            if (!dropped) {
                fields.add(new HeaderField(lower, lower.equals("te") ? "trailers" : value));
            }
        });
        if (userAgent != null && !headers.contains("User-Agent")) {
            fields.add(new HeaderField("user-agent", userAgent));
        }
        if (body == null) {
            if (EXPECT_BODY.contains(method)) {
                fields.add(new HeaderField("content-length", "0"));
            }
        } else if (body.length() != BodyProducer.UNKNOWN_LENGTH) {
            fields.add(new HeaderField("content-length", Long.toString(body.length())));
        }
        return fields;
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
