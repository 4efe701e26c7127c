package org.twisted4j.web.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.StreamingResource;
import org.twisted4j.web.client.Agent;
import org.twisted4j.web.client.BodyProducer;
import org.twisted4j.web.client.BytesBodyProducer;
import org.twisted4j.web.client.HTTPConnectionPool;
import org.twisted4j.web.client.HttpAgent;

/**
 * A resource that forwards each request reaching it to another HTTP server and streams the answer back: a
 * reverse proxy, as twisted.web's {@code ReverseProxyResource}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("app", new ReverseProxyResource("127.0.0.1", 8081, "/app"));
 * reactor.listenTCP(8080, new Site(root, reactor));
 * // GET /app/a%20b?x=1 on port 8080 is sent to 127.0.0.1:8081 as GET /app/a%20b?x=1
 * }</pre>
 *
 * <h2>What is forwarded</h2>
 * Each path segment below this resource is appended to {@code path} (percent-encoded again, every byte but
 * letters, digits and {@code -._~}), then the client's query. The method, the header fields and the body go
 * as the client sent them, except: the hop-by-hop fields (RFC 9110 §7.6.1: Connection, Keep-Alive, TE,
 * Transfer-Encoding, Upgrade, Trailer, Proxy-Connection, Proxy-Authorization, and every field Connection
 * names) are left out; Host becomes {@code host} (with {@code :port} unless it is 80); the client's address is
 * appended to X-Forwarded-For; X-Forwarded-Host carries the client's Host and X-Forwarded-Proto the client's
 * scheme, replacing any the client sent; and {@code Connection: close} asks for one response per connection.
 *
 * <p>The request body streams to the server as it arrives (this resource is a {@link StreamingResource}): the
 * request goes out as soon as its head is in, its body with the client's Content-Length, or chunked if the
 * client sent it chunked; while the connection to the server is not made yet or cannot take more, reading the
 * client's body pauses ({@link Request#pauseBody()}). The requests go out through the HTTP client
 * ({@link Agent}), on a connection of their own each.
 *
 * <h2>What comes back</h2>
 * The status and header fields (hop-by-hop ones left out) go to the client as soon as the server's response
 * head arrives, then the body as it arrives, reframed for the client. While the client reads slower than the
 * server sends, reading from the server pauses. If the connection cannot be made, or the response head
 * cannot be read, the client gets 502 Bad Gateway; if the server breaks off in the body, the client's
 * connection is aborted so that it cannot take a short body for a whole one. If the client goes away, the
 * connection to the server is closed.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ReverseProxyResource extends Resource implements StreamingResource {

    private final String host;
    private final int port;
    private final String path;
    private final @Nullable ReactorTCP reactor;
    private @Nullable Consumer<ProxyExchange> observer;
    /** Requests whose forwarding began with their body, before they are rendered. */
    private final Map<Request, ProxyExchange> streaming = new IdentityHashMap<>();

    /**
     * Makes a proxy to {@code host:port} that connects with the reactor of the site serving each request
     * (see {@link org.twisted4j.web.Site#getReactorTime()}).
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param path the path on the server for this resource, such as {@code "/app"}, or {@code ""} for its root
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public ReverseProxyResource(String host, int port, String path) {
        this(host, port, path, null, null);
    }

    /**
     * Makes a proxy to {@code host:port} that connects with the given reactor.
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param path the path on the server for this resource, such as {@code "/app"}, or {@code ""} for its root
     * @param reactor makes the connections; it must be the reactor serving the requests
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public ReverseProxyResource(String host, int port, String path, ReactorTCP reactor) {
        this(host, port, path, Objects.requireNonNull(reactor, "reactor"), null);
    }

    private ReverseProxyResource(String host, int port, String path, @Nullable ReactorTCP reactor,
            @Nullable Consumer<ProxyExchange> observer) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.path = Objects.requireNonNull(path, "path");
        this.reactor = reactor;
        this.observer = observer;
    }

    /** Returns the server's host. */
    public String getHost() {
        return host;
    }

    /** Returns the server's port. */
    public int getPort() {
        return port;
    }

    /** Returns the path on the server that this resource stands for. */
    public String getPath() {
        return path;
    }

    /** Returns a proxy for the path one segment further down on the same server. */
    @Override
    public Resource getChild(String segment, Request request) {
        return new ReverseProxyResource(host, port, path + "/" + quoteSegment(segment), reactor, observer);
    }

    /**
     * Starts forwarding a request that has a body, before the body is read, and takes the body to stream it to
     * the server.
     *
     * @return the receiver that passes the body on
     * @throws IllegalStateException if no reactor was given and the site's cannot make TCP connections
     */
    @Override
    public BodyReceiver bodyReceiver(Request request) {
        StreamedRequestBody body = new StreamedRequestBody(request, StreamedRequestBody.lengthOf(request));
        ProxyExchange exchange = forward(request, body);
        if (!request.isFinished()) {
            streaming.put(request, exchange);
            request.notifyFinish().addBoth(ignored -> streaming.remove(request));
        }
        return body;
    }

    /**
     * Forwards the request, whatever its method, and finishes it later with the server's answer; a request
     * whose body was streamed is already under way.
     *
     * @return {@link Resource#NOT_DONE_YET}
     * @throws IllegalStateException if no reactor was given and the site's cannot make TCP connections
     * @throws IOException if the request body, collected by the site, cannot be read
     */
    @Override
    public byte[] render(Request request) throws IOException {
        if (streaming.remove(request) != null) {
            return NOT_DONE_YET;
        }
        byte[] collected;
        try (InputStream content = request.getContent()) {
            collected = content.readAllBytes();
        }
        boolean hasBody = collected.length > 0 || request.getRequestHeaders().contains("Content-Length")
                || request.getRequestHeaders().contains("Transfer-Encoding");
        forward(request, hasBody ? BytesBodyProducer.of(collected) : null);
        return NOT_DONE_YET;
    }

    private ProxyExchange forward(Request request, @Nullable BodyProducer body) {
        ReactorTCP tcp = reactor != null ? reactor : siteReactor(request);
        ReactorTime clock = tcp instanceof ReactorTime time ? time : request.getSite().getReactorTime();
        String query = query(request.getUri());
        String target = (path.isEmpty() ? "/" : path) + (query != null ? "?" + query : "");
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        ProxyExchange exchange = new ProxyExchange(request, authority, body);
        if (observer != null) {
            observer.accept(exchange);
        }
        HttpAgent agent = Agent.usingEndpointFactory(clock, uri -> new TCP4ClientEndpoint(tcp, host, port))
                .pool(HTTPConnectionPool.builder(clock).persistent(false).build()).build();
        URI uri = URI.create("http://" + authority + uriSafe(target));
        exchange.start(agent.request(request.getMethod(), uri, ProxyHeaders.forwarded(request), body));
        return exchange;
    }

    /** For tests: each exchange with the server is shown to {@code observer} as it begins. */
    void observeExchanges(@Nullable Consumer<ProxyExchange> observer) {
        this.observer = observer;
    }

    private static ReactorTCP siteReactor(Request request) {
        ReactorTime time = request.getSite().getReactorTime();
        if (time instanceof ReactorTCP tcp) {
            return tcp;
        }
        throw new IllegalStateException("the site's reactor cannot make TCP connections; give "
                + "ReverseProxyResource a reactor");
    }

    private static @Nullable String query(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    /**
     * Percent-encodes what a URI cannot hold in a request target as the client sent it (spaces, quotes, braces,
     * bytes above ASCII...), keeping what it can, escapes included.
     */
    static String uriSafe(String target) {
        StringBuilder out = null;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean fine = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
            if (fine) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(target.length() + 16).append(target, 0, i);
            }
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1)) {
                appendEscape(out, b & 0xff);
            }
        }
        return out == null ? target : out.toString();
    }

    private static void appendEscape(StringBuilder out, int c) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
    }

    /** Percent-encodes a decoded path segment's UTF-8 bytes, all but letters, digits and {@code -._~}. */
    static String quoteSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                appendEscape(out, c);
            }
        }
        return out.toString();
    }
}
