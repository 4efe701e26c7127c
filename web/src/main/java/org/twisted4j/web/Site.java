package org.twisted4j.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ProtocolNegotiationFactory;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.http2.AbuseLimits;
import org.twisted4j.web.http2.Http2Settings;

/**
 * The HTTP server factory: serves a {@link Resource} tree over HTTP/1.1 on every connection it is given.
 * This is twisted.web's {@code Site}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Site site = new Site(root, reactor);
 * site.setMaxBodyBytes(1 << 20);
 * site.setAccessLog(line -> System.out.println(line));
 * reactor.listenTCP(8080, site);
 * }</pre>
 *
 * <h2>Limits and timeouts</h2>
 * Each has a default (the {@code DEFAULT_} constants) and a setter; a change applies to requests parsed after
 * it. Too long a request line is answered 414, too large header fields 431, too large a body 413; each then
 * closes the connection. The idle timeout closes a connection with no request in progress; the header-read
 * timeout answers 408 to a client that starts a request head and does not finish it. A timeout of zero or
 * less is off.
 *
 * <h2>Request bodies</h2>
 * A body is read in full before its request renders: in memory up to {@link #setBodyMemoryBytes} (100,000
 * bytes by default, as twisted.web), in a temporary file past it, deleted when the response is finished. A
 * {@link StreamingResource} sees the request's head first and may refuse the body (answering
 * {@code Expect: 100-continue} itself) or take it as a stream with back-pressure. So that it can, a request
 * with a body is routed through the tree when its head has arrived, not after its body as in twisted.web:
 * {@link Resource#getChild} sees the query's arguments but not a form body's. A request with a body that
 * was pipelined behind others is read only once the responses before it are done.
 *
 * <h2>Errors</h2>
 * An exception from a render method is logged and answered 500; the page shows its traceback only if
 * {@link #setDisplayTracebacks(boolean)} is on (it is off by default, since a traceback tells an attacker
 * about the code).
 *
 * <p>Threading: reactor thread only, setters included.
 */
public class Site extends Factory implements ProtocolNegotiationFactory {

    /** Default longest request line, in bytes: 8 KiB. */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8192;
    /** Default largest total of header field lines, in bytes: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16384;
    /** Default most header fields: 100. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default largest request body, in bytes: 10 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L << 20;
    /** Default largest request body kept in memory, in bytes (larger ones go to a temporary file): 100,000. */
    public static final int DEFAULT_BODY_MEMORY_BYTES = 100_000;
    /** Default most complete requests held waiting behind the one being answered: 16. */
    public static final int DEFAULT_MAX_PIPELINED_REQUESTS = 16;
    /** Default idle timeout, in seconds: 180. */
    public static final double DEFAULT_IDLE_TIMEOUT = 180;
    /** Default time allowed to send a request head once it has begun, in seconds: 30. */
    public static final double DEFAULT_HEADER_TIMEOUT = 30;
    /** Default Server header. */
    public static final String DEFAULT_SERVER_NAME = "twisted4j-web";

    private static final Logger LOG = Logger.forClass(Site.class);

    private final Resource root;
    private final ReactorTime time;
    private final Limits limits = new Limits();
    private @Nullable SessionStore sessions;
    private int maxPipelinedRequests = DEFAULT_MAX_PIPELINED_REQUESTS;
    private int bodyMemoryBytes = DEFAULT_BODY_MEMORY_BYTES;
    private boolean http2 = true;
    private Http2Settings http2Settings = Http2Settings.DEFAULT;
    private AbuseLimits http2Limits = AbuseLimits.DEFAULT;
    private double idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private double headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private boolean displayTracebacks;
    private String serverName = DEFAULT_SERVER_NAME;
    private @Nullable Consumer<String> accessLog;
    private long dateSecond = -1;
    private String date = "";

    /**
     * Makes a site serving a tree.
     *
     * @param root the resource at {@code /}'s parent: the path {@code /} asks it for its child {@code ""}
     * @param time the reactor's clock, for timeouts
     */
    public Site(Resource root, ReactorTime time) {
        this.root = Objects.requireNonNull(root, "root");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        HTTPChannel channel = new HTTPChannel(this);
        channel.setFactory(this);
        return channel;
    }

    /**
     * Returns the reactor's clock this site was made with; when it is the reactor itself, a resource can use
     * it for more (a proxy makes its outgoing connections with it, if it is a
     * {@link org.twisted4j.internet.ReactorTCP}).
     */
    public ReactorTime getReactorTime() {
        return time;
    }

    /** Returns the root resource. */
    public Resource getResource() {
        return root;
    }

    /**
     * Finds the resource that renders a request by walking the tree from the root.
     *
     * @param request the request
     * @return the resource
     */
    public Resource getResourceFor(Request request) {
        return root.getChildForRequest(request);
    }

    // ---- limits

    // ---- HTTP/2

    /** Returns whether the site speaks HTTP/2 to clients that ask for it. */
    public boolean isHttp2() {
        return http2;
    }

    /**
     * Turns HTTP/2 on or off (on by default). When on, a TLS connection offers {@code h2} before
     * {@code http/1.1} through ALPN, and a plain connection that opens with HTTP/2's preface (prior knowledge,
     * "h2c") is served as HTTP/2; every resource answers the same over either.
     *
     * @param on whether to speak HTTP/2
     */
    public void setHttp2(boolean on) {
        http2 = on;
    }

    /** Returns the SETTINGS the site's HTTP/2 connections announce. */
    public Http2Settings getHttp2Settings() {
        return http2Settings;
    }

    /**
     * Sets the SETTINGS new HTTP/2 connections announce (concurrent streams, windows, frame and header list
     * sizes).
     *
     * @param settings the settings
     */
    public void setHttp2Settings(Http2Settings settings) {
        http2Settings = Objects.requireNonNull(settings, "settings");
    }

    /** Returns the limits new HTTP/2 connections enforce against floods and resets. */
    public AbuseLimits getHttp2Limits() {
        return http2Limits;
    }

    /**
     * Sets the limits new HTTP/2 connections enforce against floods and resets.
     *
     * @param limits the limits
     */
    public void setHttp2Limits(AbuseLimits limits) {
        http2Limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns {@code h2} and {@code http/1.1}, or {@code http/1.1} alone with HTTP/2 off, for TLS's ALPN. */
    @Override
    public List<String> acceptableProtocols() {
        return http2 ? List.of("h2", "http/1.1") : List.of("http/1.1");
    }

    /** Returns the largest request body kept in memory, in bytes. */
    public int getBodyMemoryBytes() {
        return bodyMemoryBytes;
    }

    /**
     * Sets the largest request body kept in memory; a body growing past it is spooled to a temporary file,
     * deleted when its response is finished. {@link #setMaxBodyBytes} still caps the body.
     *
     * @param bytes the threshold, zero or more (zero spools every body)
     * @throws IllegalArgumentException if negative
     */
    public void setBodyMemoryBytes(int bytes) {
        bodyMemoryBytes = atLeast(bytes, 0);
    }

    /** Returns the longest request line accepted, in bytes. */
    public int getMaxRequestLineBytes() {
        return limits.maxRequestLineBytes;
    }

    /**
     * Sets the longest request line accepted; longer ones get 414.
     *
     * @param bytes the limit, at least 16
     * @throws IllegalArgumentException if below 16
     */
    public void setMaxRequestLineBytes(int bytes) {
        limits.maxRequestLineBytes = atLeast(bytes, 16);
    }

    /** Returns the largest total of header lines accepted, in bytes. */
    public int getMaxHeaderBytes() {
        return limits.maxHeaderBytes;
    }

    /**
     * Sets the largest total of header lines accepted, each counted with its CR LF; more gets 431.
     *
     * @param bytes the limit, at least 16
     * @throws IllegalArgumentException if below 16
     */
    public void setMaxHeaderBytes(int bytes) {
        limits.maxHeaderBytes = atLeast(bytes, 16);
    }

    /** Returns the most header fields accepted. */
    public int getMaxHeaderCount() {
        return limits.maxHeaderCount;
    }

    /**
     * Sets the most header fields accepted; more gets 431.
     *
     * @param count the limit, at least 1
     * @throws IllegalArgumentException if below 1
     */
    public void setMaxHeaderCount(int count) {
        limits.maxHeaderCount = atLeast(count, 1);
    }

    /** Returns the largest request body accepted, in bytes. */
    public long getMaxBodyBytes() {
        return limits.maxBodyBytes;
    }

    /**
     * Sets the largest request body accepted (whether sized or chunked); more gets 413.
     *
     * @param bytes the limit, from 0 to {@code Integer.MAX_VALUE - 8}
     * @throws IllegalArgumentException if out of that range
     */
    public void setMaxBodyBytes(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("body limit out of range: " + bytes);
        }
        limits.maxBodyBytes = bytes;
    }

    /** Returns how many complete requests may wait behind the one being answered before reading pauses. */
    public int getMaxPipelinedRequests() {
        return maxPipelinedRequests;
    }

    /**
     * Sets how many complete requests may wait behind the one being answered; beyond that the connection
     * stops reading until the queue halves.
     *
     * @param count the limit, at least 1
     * @throws IllegalArgumentException if below 1
     */
    public void setMaxPipelinedRequests(int count) {
        maxPipelinedRequests = atLeast(count, 1);
    }

    /** Returns the idle timeout in seconds. */
    public double getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets how long a connection may sit with no request in progress before it is closed.
     *
     * @param seconds the timeout; zero or less turns it off
     */
    public void setIdleTimeout(double seconds) {
        idleTimeout = seconds;
    }

    /** Returns the header-read timeout in seconds. */
    public double getHeaderTimeout() {
        return headerTimeout;
    }

    /**
     * Sets how long a client has to finish a request head once it has begun; then it is answered 408.
     *
     * @param seconds the timeout; zero or less turns it off
     */
    public void setHeaderTimeout(double seconds) {
        headerTimeout = seconds;
    }

    /** Returns whether 500 pages show the traceback. */
    public boolean getDisplayTracebacks() {
        return displayTracebacks;
    }

    /**
     * Sets whether 500 pages show the traceback; off by default.
     *
     * @param display whether to show it
     */
    public void setDisplayTracebacks(boolean display) {
        displayTracebacks = display;
    }

    /** Returns the Server header value. */
    public String getServerName() {
        return serverName;
    }

    /**
     * Sets the Server header value sent with each response (unless the response sets its own).
     *
     * @param name the value
     * @throws IllegalArgumentException if it holds CR, LF or NUL
     */
    public void setServerName(String name) {
        new Headers().set("Server", name);
        serverName = name;
    }

    /**
     * Sets where access log lines go, one per finished request, in the Combined Log Format
     * ({@code host - - [time] "request line" status bytes "referer" "user-agent"}).
     *
     * @param log receives each line, or null for none (the default)
     */
    public void setAccessLog(@Nullable Consumer<String> log) {
        accessLog = log;
    }

    // ---- sessions

    /**
     * Makes a new session with a fresh uid and starts its expiry timer; {@link Request#getSession()} calls
     * this when a request has no live session.
     *
     * @return the session
     */
    public Session makeSession() {
        return sessions().make();
    }

    /**
     * Finds a live session by its uid.
     *
     * @param uid the session's uid, the value of its cookie
     * @return the session, or empty if none has that uid (never made, or expired)
     */
    public Optional<Session> getSession(String uid) {
        return sessions().get(uid);
    }

    /**
     * Sets what makes the site's sessions, for a {@link Session} subclass; by default {@code Session::new}.
     *
     * @param factory makes a session for this site and the uid given, passing both to its constructor
     */
    public void setSessionFactory(BiFunction<Site, String, ? extends Session> factory) {
        sessions().setFactory(factory);
    }

    // ---- for the channel

    SessionStore sessions() {
        SessionStore store = sessions;
        if (store == null) {
            store = new SessionStore(this);
            sessions = store;
        }
        return store;
    }

    Limits limits() {
        return limits;
    }

    ReactorTime time() {
        return time;
    }

    /** Returns the Date header value, formatted once a second. */
    String currentDate() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateSecond = now;
            date = Http.formatDate(now);
        }
        return date;
    }

    /** Renders a request through the tree, turning failures into 405 and 500 responses. */
    void render(Request request) {
        if (request.getMethod().equals("OPTIONS") && request.getUri().equals("*")) {
            request.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
            request.finishWith(new byte[0]);
            return;
        }
        render(request, null);
    }

    /**
     * Renders a request with {@code resource}, or with the resource traversal finds when it is null, turning
     * failures into 405 and 500 responses and finishing the request with what a render method returned.
     */
    void render(Request request, @Nullable Resource resource) {
        byte[] body;
        try {
            Resource found = resource != null ? resource : request.resource();
            body = (found != null ? found : getResourceFor(request)).render(request);
        } catch (UnsupportedMethodException e) {
            if (request.headersSent() || request.isFinished()) {
                return;
            }
            request.setResponseCode(405);
            request.setHeader("Allow", String.join(", ", e.allowedMethods()));
            body = new ErrorPage(405, "Method Not Allowed", "Your browser approached me (at " + request.getPath()
                    + ") with the method \"" + request.getMethod() + "\". I only allow the method"
                    + (e.allowedMethods().size() == 1 ? " " : "s ") + String.join(", ", e.allowedMethods())
                    + " here.").render(request);
        } catch (Exception | LinkageError | AssertionError e) {
            processingFailed(request, new Failure(e));
            return;
        }
        if (body == Resource.NOT_DONE_YET) {
            return;
        }
        if (request.isFinished()) {
            return;
        }
        request.finishWith(body);
    }

    /**
     * Finds the resource for a request whose body is about to be read and, if it is a
     * {@link StreamingResource}, lets it refuse the body or take it as a stream. A failure answers 500.
     */
    void route(Request request) {
        try {
            Resource found = getResourceFor(request);
            BodyReceiver receiver = found instanceof StreamingResource streaming ? streaming.bodyReceiver(request) : null;
            request.routed(found, receiver);
        } catch (Exception | LinkageError | AssertionError e) {
            processingFailed(request, new Failure(e));
        }
    }

    /** Logs a failure to process a request and answers 500 if nothing has been sent yet. */
    void processingFailed(Request request, Failure failure) {
        LOG.failure("Exception rendering {request}", failure, "request", request.toString());
        if (request.isFinished()) {
            return;
        }
        if (request.headersSent()) {
            request.finish();
            return;
        }
        request.getResponseHeaders().remove("Content-Length");
        request.setResponseCode(500);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String detail = displayTracebacks
                ? "<pre>" + Http.escapeHtml(failure.getTraceback()) + "</pre>"
                : "An error occurred while processing this request; it has been logged.";
        String page = "<html>\n  <head><title>500 - Processing Failed</title></head>\n  <body>\n"
                + "    <h1>Processing Failed</h1>\n    " + detail + "\n  </body>\n</html>\n";
        request.finishWith(page.getBytes(StandardCharsets.UTF_8));
    }

    void logAccess(Request request) {
        Consumer<String> log = accessLog;
        if (log != null) {
            log.accept(CombinedLogFormat.line(request, Instant.now()));
        }
    }

    private static int atLeast(int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("limit must be at least " + least + ": " + value);
        }
        return value;
    }
}
