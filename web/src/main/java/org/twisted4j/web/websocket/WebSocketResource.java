package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A resource that accepts WebSocket connections (RFC 6455 section 4.2): it checks the upgrade request, answers
 * {@code 101 Switching Protocols} with the accept hash, the subprotocol and the permessage-deflate agreement,
 * and hands the connection to a new {@link WebSocketHandler}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("echo", new WebSocketResource(reactor, WebSocketOptions.defaults(), request -> new Echo()));
 * reactor.listenTCP(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>A request that is not a valid upgrade gets 400 (405 if it is not a GET); one with a
 * {@code Sec-WebSocket-Version} other than 13 gets 426 naming version 13; one whose {@code Origin} is refused
 * by {@link #isOriginAllowed} gets 403. Subclasses choose subprotocols with {@link #selectSubprotocol}. The
 * resource is a leaf: it serves every path below it too.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class WebSocketResource extends Resource {

    /** The one protocol version this implementation speaks. */
    public static final String VERSION = "13";

    private final ReactorTime reactorTime;
    private final WebSocketOptions options;
    private final Function<Request, WebSocketHandler> handlers;

    /**
     * Makes the resource.
     *
     * @param reactorTime the clock for close timeouts
     * @param options limits, permessage-deflate, and the subprotocols accepted
     * @param handlers makes the handler of each accepted connection, from its upgrade request
     */
    public WebSocketResource(ReactorTime reactorTime, WebSocketOptions options,
            Function<Request, WebSocketHandler> handlers) {
        this.reactorTime = Objects.requireNonNull(reactorTime, "reactorTime");
        this.options = Objects.requireNonNull(options, "options");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
    }

    /** Returns true: the paths below this resource are all served by it. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    /**
     * Answers the upgrade request, as the class javadoc describes.
     *
     * @param request the request
     * @return {@link #NOT_DONE_YET} after switching protocols, or an error page
     */
    @Override
    public byte[] render(Request request) {
        if (!request.getMethod().equals("GET")) {
            request.setHeader("Allow", "GET");
            return refuse(request, 405, "WebSocket upgrades use GET");
        }
        List<String> upgrade = request.getRequestHeaders().getAll("Upgrade");
        List<String> connection = request.getRequestHeaders().getAll("Connection");
        if (!request.getClientProto().equals("HTTP/1.1") || !HeaderTokens.hasToken(upgrade, "websocket")
                || !HeaderTokens.hasToken(connection, "upgrade")) {
            return refuse(request, 400, "not a WebSocket upgrade request");
        }
        String version = request.getHeader("Sec-WebSocket-Version");
        if (version == null || !version.strip().equals(VERSION)) {
            request.setHeader("Sec-WebSocket-Version", VERSION);
            return refuse(request, 426, "WebSocket version 13 is required");
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (key == null || !HeaderTokens.isValidKey(key.strip())) {
            return refuse(request, 400, "missing or malformed Sec-WebSocket-Key");
        }
        if (!isOriginAllowed(request.getHeader("Origin"), request)) {
            return refuse(request, 403, "origin not allowed");
        }
        PerMessageDeflate.Agreement deflate = null;
        if (options.permessageDeflate()) {
            try {
                deflate = PerMessageDeflate.accept(
                        HeaderTokens.extensions(request.getRequestHeaders().getAll("Sec-WebSocket-Extensions")),
                        options.noContextTakeover());
            } catch (IllegalArgumentException e) {
                return refuse(request, 400, "malformed Sec-WebSocket-Extensions: " + e.getMessage());
            }
        }
        List<String> offered = HeaderTokens.commaList(request.getRequestHeaders().getAll("Sec-WebSocket-Protocol"));
        String subprotocol = offered.isEmpty() ? null : selectSubprotocol(offered, request);
        if (subprotocol != null && !offered.contains(subprotocol)) {
            throw new IllegalStateException("selectSubprotocol chose " + subprotocol + ", not among " + offered);
        }
        WebSocketHandler handler = Objects.requireNonNull(handlers.apply(request), "handler");
        request.setResponseCode(101, "Switching Protocols");
        request.setHeader("Upgrade", "websocket");
        request.setHeader("Connection", "Upgrade");
        request.setHeader("Sec-WebSocket-Accept", HeaderTokens.acceptFor(key.strip()));
        if (subprotocol != null) {
            request.setHeader("Sec-WebSocket-Protocol", subprotocol);
        }
        if (deflate != null) {
            request.setHeader("Sec-WebSocket-Extensions", deflate.header());
        }
        request.switchProtocols(new WebSocketSession(handler, options, reactorTime, subprotocol, deflate, null));
        return NOT_DONE_YET;
    }

    /**
     * Decides whether to accept a connection from a page of this origin: a browser sends the page's origin, so
     * this is how a server keeps other sites' pages from using it with the user's cookies. Accepts every
     * origin by default.
     *
     * @param origin the {@code Origin} header, or null if there is none (as from most non-browser clients)
     * @param request the upgrade request
     * @return whether to accept
     */
    protected boolean isOriginAllowed(@Nullable String origin, Request request) {
        return true;
    }

    /**
     * Chooses the subprotocol from the client's offer. By default, the first the client offers among
     * {@link WebSocketOptions#subprotocols()}.
     *
     * @param offered the subprotocols the client offered, in its order of preference; never empty
     * @param request the upgrade request
     * @return one of {@code offered}, or null to answer with none
     */
    protected @Nullable String selectSubprotocol(List<String> offered, Request request) {
        for (String candidate : offered) {
            if (options.subprotocols().contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static byte[] refuse(Request request, int code, String message) {
        request.setResponseCode(code);
        request.setHeader("Content-Type", "text/plain; charset=utf-8");
        return (message + "\n").getBytes(UTF_8);
    }
}
