package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;

/**
 * One HTTP request and its response: what the client sent (method, URI, path, arguments, headers, cookies,
 * body) and the calls that answer it (status, headers, cookies, {@link #write}, {@link #finish()}).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * protected byte[] renderPOST(Request request) {
 *     String name = request.getArg("name");           // from the query or a form body
 *     request.setHeader("Content-Type", "text/plain; charset=utf-8");
 *     return ("hello " + name + "\n").getBytes(UTF_8);  // sent with a Content-Length
 * }
 *
 * protected byte[] renderGET(Request request) {           // finishing later
 *     lookUp().addCallback(text -> { request.write(text); request.finish(); return null; });
 *     request.notifyFinish().addErrback(f -> { cancelLookUp(); return null; }); // the client went away
 *     return Resource.NOT_DONE_YET;
 * }
 * }</pre>
 *
 * <h2>Response framing</h2>
 * A body returned from a render method goes out with a Content-Length. Bytes written before the request is
 * finished go out as they come: with the Content-Length the application set, else chunked to an HTTP/1.1
 * client, else (HTTP/1.0) ending with the connection. A HEAD response carries the headers only. Under an
 * {@link EncodingResourceWrapper} the body may be encoded (gzipped, say) on its way out.
 *
 * <p>Threading: reactor thread only.
 */
public final class Request {

    private final RequestChannel channel;
    private final RequestHead head;
    private final String path;
    private final @Nullable String authority;
    private final Map<String, List<String>> args = Http.newArgs();
    private final List<String> prepath = new ArrayList<>();
    private final List<String> postpath = new ArrayList<>();
    private final RequestBody body;
    private final ResponseSender sender;
    private @Nullable Resource resource;
    private @Nullable BodyReceiver bodyReceiver;

    private @Nullable Session session;

    Request(RequestChannel channel, RequestHead head, ResponseWire wire) {
        this.channel = channel;
        this.head = head;
        String target = head.target();
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String fromTarget = null;
        if (!rawPath.startsWith("/")) {
            fromTarget = RequestTargets.absoluteFormAuthority(rawPath);
            rawPath = RequestTargets.absoluteFormPath(rawPath);
        }
        this.authority = fromTarget;
        this.path = rawPath;
        if (q >= 0) {
            Http.parseQuery(target.substring(q + 1), args);
        }
        RequestTargets.splitPath(rawPath, postpath);
        this.body = new RequestBody(channel.site().getBodyMemoryBytes(), head.contentLength());
        this.sender = new ResponseSender(this, channel, wire);
    }

    // ---- what the client sent

    /** Returns the method, such as {@code GET}. */
    public String getMethod() {
        return head.method();
    }

    /** Returns the request target as sent, with its query. */
    public String getUri() {
        return head.target();
    }

    /** Returns the path of the target, without the query, still %-encoded. */
    public String getPath() {
        return path;
    }

    /** Returns the protocol version the client spoke: {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2.0}. */
    public String getClientProto() {
        return head.protocol();
    }

    /**
     * Returns the arguments from the query and, for an {@code application/x-www-form-urlencoded} body, from
     * the body: each name with its values in order (a name may repeat). Names and values are decoded as UTF-8.
     *
     * @return an unmodifiable view of the arguments
     */
    public Map<String, List<String>> getArgs() {
        return Collections.unmodifiableMap(args);
    }

    /**
     * Returns the first value of an argument.
     *
     * @param name the argument name
     * @return its first value, or null if absent
     */
    public @Nullable String getArg(String name) {
        List<String> values = args.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns the first value of a request header.
     *
     * @param name the header name, in any case
     * @return the value, or null if absent
     */
    public @Nullable String getHeader(String name) {
        return head.headers().get(name);
    }

    /** Returns every request header. */
    public Headers getRequestHeaders() {
        return head.headers();
    }

    /**
     * Returns the value of a cookie the client sent.
     *
     * @param name the cookie name
     * @return its value, or null if absent
     */
    public @Nullable String getCookie(String name) {
        return RequestTargets.cookie(head.headers(), name);
    }

    /**
     * Returns the request body; empty if there was none, or if a {@link BodyReceiver} took it. A body larger
     * than the site's {@linkplain Site#setBodyMemoryBytes in-memory limit} is read from its temporary file:
     * prefer {@link #getContent()} for those. The body is kept until the response is finished.
     *
     * @throws IllegalStateException if the body is too large for one array
     * @throws java.io.UncheckedIOException if its temporary file cannot be read
     */
    public byte[] content() {
        return body.bytes();
    }

    /**
     * Returns a stream over the whole request body, from its first byte each time this is called (Twisted's
     * {@code request.content}); empty if there was none, or if a {@link BodyReceiver} took it. The body has
     * been received in full when the resource renders; it is kept in memory, or past the site's
     * {@linkplain Site#setBodyMemoryBytes in-memory limit} in a temporary file deleted when the response is
     * finished (a stream opened before then can still be read to its end).
     *
     * @throws java.io.UncheckedIOException if the temporary file cannot be opened
     */
    public InputStream getContent() {
        return body.open();
    }

    /** Returns the number of body bytes received so far. */
    public long getContentLength() {
        return body.length();
    }

    /**
     * Stops reading this request's body from the connection until {@link #resumeBody()}, for a
     * {@link BodyReceiver} that cannot keep up; the client is slowed down by TCP meanwhile. The connection's
     * idle timeout does not run while the body is paused.
     */
    public void pauseBody() {
        channel.pauseBody(this);
    }

    /** Goes on reading the body after {@link #pauseBody()}; pieces may arrive during this call. */
    public void resumeBody() {
        channel.resumeBody(this);
    }

    /** Returns the server's address on this connection. */
    public Address getHost() {
        return channel.host();
    }

    /** Returns the client's address. */
    public Address getClientAddress() {
        return channel.peer();
    }

    /** Returns the site serving this request (Twisted's {@code request.site}). */
    public Site getSite() {
        return channel.site();
    }

    /** Returns whether the connection is encrypted (TLS). */
    public boolean isSecure() {
        return channel.isSecure();
    }

    /**
     * Returns the host name the client asked for, without its port: from an absolute-form target if the
     * request line had one, else from the Host header; "" if neither.
     */
    public String getRequestHostname() {
        String host = authority != null ? authority : head.headers().get("Host");
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    /** Returns the URL of the resources already traversed, such as {@code http://example.com/a/b}. */
    public String prePathURL() {
        StringBuilder url = new StringBuilder(isSecure() ? "https://" : "http://");
        String host = authority != null ? authority : getHeader("Host");
        url.append(host != null ? host : "localhost");
        for (String segment : prepath) {
            url.append('/').append(segment);
        }
        return url.toString();
    }

    /** Returns the segments traversed so far; traversal moves them here from {@link #postpath()}. */
    public List<String> prepath() {
        return prepath;
    }

    /** Returns the segments not yet traversed; a leaf resource reads what is left here. */
    public List<String> postpath() {
        return postpath;
    }

    /**
     * Returns the client's {@link Session}, touched: the one this request found before, else the one its
     * session cookie names, else a new one whose cookie is set on this response ({@code TWISTED_SESSION},
     * or {@code TWISTED_SECURE_SESSION} and Secure over TLS; path {@code /}, HttpOnly).
     *
     * @return the session
     * @throws IllegalStateException if a new session is needed and the headers have been sent
     */
    public Session getSession() {
        Session found = channel.site().sessions().forRequest(this, session);
        session = found;
        return found;
    }

    // ---- the response

    /**
     * Sets the status code, with its standard reason phrase.
     *
     * @param code the status code, 100 to 999
     * @throws IllegalStateException if the headers have been sent
     */
    public void setResponseCode(int code) {
        setResponseCode(code, null);
    }

    /**
     * Sets the status code and reason phrase.
     *
     * @param code the status code, 100 to 999
     * @param message the reason phrase, or null for the standard one
     * @throws IllegalStateException if the headers have been sent
     * @throws IllegalArgumentException if the code is out of range or the phrase holds CR, LF or NUL
     */
    public void setResponseCode(int code, @Nullable String message) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code out of range: " + code);
        }
        if (message != null && (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0 || message.indexOf(0) >= 0)) {
            throw new IllegalArgumentException("reason phrase holds CR, LF or NUL");
        }
        sender.status(code, message);
    }

    /** Returns the status code set so far (200 by default). */
    public int getResponseCode() {
        return sender.code();
    }

    /**
     * Sets a response header, replacing any of that name.
     *
     * @param name the header name
     * @param value the value
     * @throws IllegalStateException if the headers have been sent
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public void setHeader(String name, String value) {
        sender.checkNotSent();
        sender.headers().set(name, value);
    }

    /**
     * Adds a response header, keeping any of that name.
     *
     * @param name the header name
     * @param value the value
     * @throws IllegalStateException if the headers have been sent
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public void addHeader(String name, String value) {
        sender.checkNotSent();
        sender.headers().add(name, value);
    }

    /** Returns the response headers set so far; change them through {@link #setHeader} before writing. */
    public Headers getResponseHeaders() {
        return sender.headers();
    }

    /**
     * Adds a {@code Set-Cookie} header.
     *
     * @param name the cookie name, a token
     * @param value the value; no control character, ';' or ','
     * @param attributes attributes as written, such as {@code "Path=/"}, {@code "HttpOnly"}, {@code "Max-Age=60"},
     *     {@code "Expires=Wed, 21 Oct 2015 07:28:00 GMT"}; no control character or ';'
     * @throws IllegalStateException if the headers have been sent
     * @throws IllegalArgumentException if the name, value or an attribute would break the header
     */
    public void addCookie(String name, String value, String... attributes) {
        sender.checkNotSent();
        sender.headers().add("Set-Cookie", RequestTargets.setCookie(name, value, attributes));
    }

    /**
     * Answers with a 302 to the URL (the body is up to the caller; see {@link Redirect#redirectTo}).
     *
     * @param url the target
     * @throws IllegalStateException if the headers have been sent
     * @throws IllegalArgumentException if the URL holds CR, LF or NUL
     */
    public void redirect(String url) {
        setResponseCode(302);
        setHeader("Location", url);
    }

    /**
     * Sends bytes of the body, sending the status line and headers first if they have not gone yet. Ignored
     * after the client has gone, and for HEAD.
     *
     * @param data the bytes
     * @throws IllegalStateException if the request is finished
     */
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /**
     * Sends bytes of the body; see {@link #write(byte[])}. The buffer is consumed.
     *
     * @param data the bytes
     * @throws IllegalStateException if the request is finished
     */
    public void write(ByteBuffer data) {
        sender.write(data);
    }

    /**
     * Hands this request's connection to another protocol, as after {@code 101 Switching Protocols} for a
     * WebSocket: sends the response head (the code must be 101 and the headers, such as {@code Upgrade} and
     * {@code Connection: Upgrade}, set), finishes the request, and gives the connection's transport to
     * {@code protocol} ({@link Protocol#makeConnection}). Bytes the client sent after this request, and all
     * that follow, go to {@code protocol}; so that none is parsed as HTTP meanwhile, the connection reads
     * nothing more after a request that asks to upgrade until it is answered. A half-close by the client
     * closes the connection, since the HTTP connection does not handle half-closes.
     *
     * @param protocol the protocol that takes over the connection
     * @throws IllegalStateException if the code is not 101, the response head has been sent, the request is
     *     finished, its body has not been read, or requests were pipelined after it
     */
    public void switchProtocols(Protocol protocol) {
        sender.switchProtocols(protocol);
    }

    /**
     * Sends bytes exactly as given, with no status line, headers or framing of this server's: for a response
     * written whole by someone else, such as a non-parsed-header CGI script, whose bytes must start with
     * their own status line. The first call marks the headers as sent and the connection as closing after
     * this response, since only the close can tell the client where such a response ends. Ignored after the
     * client has gone. The buffer is consumed.
     *
     * @param data the bytes
     * @throws IllegalStateException if the request is finished, or this server's headers have been sent
     */
    public void writeRaw(ByteBuffer data) {
        sender.writeRaw(data);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} as body bytes, as {@link #write} would,
     * but with the connection's {@link FileRegionTransport#writeFile} (no copy through the heap).
     *
     * @return null if the connection cannot send files, or the body is chunked or encoded: the caller writes
     *     the bytes instead; else a Deferred that fires once the caller may close the file (at once if nothing is sent)
     */
    @Nullable Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
        return sender.writeFile(file, position, count);
    }

    /**
     * Ends the response. Its Deferreds from {@link #notifyFinish()} fire, and the connection moves on to the
     * next request or closes.
     *
     * @throws IllegalStateException if the request is already finished
     */
    public void finish() {
        body.discard();
        sender.finish();
    }

    /**
     * Returns a Deferred that fires with null when the response is finished, or fails with the reason if the
     * connection is lost first (the client went away).
     *
     * @return a new Deferred
     */
    public Deferred<@Nullable Void> notifyFinish() {
        return sender.notifyFinish();
    }

    /**
     * Registers a producer of the response body with the connection, for back-pressure: a pull producer
     * ({@code streaming} false) is asked for more each time what it wrote has gone to the socket; a push
     * producer is paused while too much waits. The producer writes with {@link #write} and, at its end,
     * calls {@link #unregisterProducer()} then {@link #finish()}. If the client goes away first, the
     * connection calls the producer's {@code stopProducing}.
     *
     * @param producer the producer
     * @param streaming true for a {@link org.twisted4j.internet.PushProducer}, false for a
     *     {@link org.twisted4j.internet.PullProducer}
     * @throws IllegalStateException if a producer is already registered
     * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
     */
    public void registerProducer(Producer producer, boolean streaming) {
        channel.registerProducer(producer, streaming);
    }

    /**
     * Unregisters the producer given to {@link #registerProducer}.
     *
     * @throws IllegalStateException if no producer is registered
     */
    public void unregisterProducer() {
        channel.unregisterProducer();
    }

    /**
     * Closes the client's connection at once, dropping whatever is still queued for it: for a response that has
     * begun and cannot be completed (its source failed), so that the client sees a broken connection rather
     * than a short body it would take for a whole one. A registered producer is stopped, and the Deferreds
     * from {@link #notifyFinish()} fail once the connection is gone.
     */
    public void abortConnection() {
        channel.abortConnection();
    }

    /** Returns whether {@link #finish()} has been called. */
    public boolean isFinished() {
        return sender.finished();
    }

    /** Returns the number of body bytes sent so far (none for HEAD). */
    public long bytesSent() {
        return sender.bytesSent();
    }

    @Override
    public String toString() {
        return "Request(" + head.method() + " " + head.target() + " " + getClientProto() + ")";
    }

    // ---- for the channel

    RequestHead head() {
        return head;
    }

    boolean keepAlive() {
        return sender.keepAlive();
    }

    /** The resource found for this request when its body began, if it was found then. */
    @Nullable Resource resource() {
        return resource;
    }

    /** Records the resource found for this request and the receiver it gave for the body, if any. */
    void routed(Resource found, @Nullable BodyReceiver receiver) {
        this.resource = found;
        this.bodyReceiver = receiver;
    }

    /** Takes a piece of the body: to the resource's receiver if it gave one, else into the body kept. */
    void bodyPiece(ByteBuffer piece) throws Exception {
        BodyReceiver receiver = bodyReceiver;
        if (receiver != null) {
            receiver.dataReceived(piece);
        } else {
            body.append(piece);
        }
    }

    /**
     * The body has ended: tells the receiver, or reads a form body's arguments.
     *
     * @return whether the request is still to be rendered (false if the receiver answered it)
     */
    boolean bodyEnded() throws Exception {
        BodyReceiver receiver = bodyReceiver;
        if (receiver != null) {
            receiver.bodyFinished();
        }
        if (isFinished()) {
            return false;
        }
        bodyComplete();
        return true;
    }

    /** The body will not end: tells the receiver, and drops the request as for a lost connection. */
    void bodyFailed(Failure reason) {
        BodyReceiver receiver = bodyReceiver;
        if (receiver != null) {
            receiver.bodyFailed(reason);
        }
        connectionLost(reason);
    }

    private void bodyComplete() {
        String type = head.headers().get("Content-Type");
        if (type != null && body.length() > 0) {
            int semi = type.indexOf(';');
            String mime = (semi < 0 ? type : type.substring(0, semi)).strip();
            if (mime.equalsIgnoreCase("application/x-www-form-urlencoded")) {
                Http.parseQuery(new String(body.bytes(), ISO_8859_1), args);
            }
        }
    }

    /** Sends a rendered body with its length, then finishes; a small one leaves with the headers in one write. */
    void finishWith(byte[] rendered) {
        sender.finishWith(rendered);
    }

    void connectionLost(Failure reason) {
        body.discard();
        sender.connectionLost(reason);
    }

    boolean headersSent() {
        return sender.headersSent();
    }

    /** Sets the encoder the body goes through; {@link EncodingResourceWrapper} describes when it applies. */
    void setEncoder(Encoder encoder) {
        sender.setEncoder(encoder);
    }
}
