package org.twisted4j.web;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;

/**
 * A request that did not come on a connection of its site: a copy of one received elsewhere (by a
 * {@code distrib.ResourceSubscription} on another server, say), rendered through the {@link Site}'s tree with its
 * response handed to a {@link Sink} instead of a socket. Twisted's {@code distrib.Request}.
 *
 * <pre>{@code
 * CopiedRequest.render(site, "GET", "/page?x=1", 0, headers, new byte[0], client, host, false, sink);
 * }</pre>
 *
 * <p>The response reaches the sink unframed: status and headers once, then body pieces, then its end (a body
 * returned whole carries its Content-Length; one written piece by piece has none). Threading: reactor thread only.
 */
public final class CopiedRequest implements RequestChannel, ResponseWire {

    /** Where a copied request's response goes. */
    public interface Sink {
        /**
         * The response's status and headers, sent once before any body.
         *
         * @param code the status code
         * @param message the reason phrase the application set, or null for the usual one
         * @param headers the response headers
         */
        void head(int code, @Nullable String message, Headers headers);

        /**
         * A piece of the body.
         *
         * @param data the bytes, the sink's to keep
         */
        void body(byte[] data);

        /** The response is complete. */
        void end();
    }

    private final Site site;
    private final Address client;
    private final Address host;
    private final boolean secure;
    private final Sink sink;
    private final Request request;
    private boolean ended;
    private @Nullable PullProducer producer;

    private CopiedRequest(Site site, RequestHead head, Address client, Address host, boolean secure, Sink sink) {
        this.site = site;
        this.client = client;
        this.host = host;
        this.secure = secure;
        this.sink = sink;
        this.request = new Request(this, head, this);
    }

    /**
     * Renders a copied request through a site's tree.
     *
     * @param site the site whose resources answer
     * @param method the request method
     * @param target the request target, path and query
     * @param consumed how many leading segments of the target's path count as already traversed: they go to the
     *     request's prepath, and the site's tree is searched from its root for the rest
     * @param headers the request headers
     * @param body the whole request body
     * @param client the client's address, as the original server saw it
     * @param host the original server's address
     * @param secure whether the original request came over TLS
     * @param sink where the response goes
     * @return the request, finished or being answered
     */
    public static Request render(Site site, String method, String target, int consumed, Headers headers,
            byte[] body, Address client, Address host, boolean secure, Sink sink) {
        Headers copy = new Headers();
        headers.forEach(copy::add);
        copy.remove("Transfer-Encoding");
        copy.set("Content-Length", Integer.toString(body.length));
        RequestHead head = new RequestHead(method, target, true, copy, body.length, false);
        CopiedRequest copied = new CopiedRequest(Objects.requireNonNull(site, "site"), head,
                client, host, secure, Objects.requireNonNull(sink, "sink"));
        Request request = copied.request;
        for (int i = 0; i < consumed && !request.postpath().isEmpty(); i++) {
            request.prepath().add(request.postpath().remove(0));
        }
        site.route(request);
        if (request.isFinished()) {
            return request;
        }
        try {
            if (body.length > 0) {
                request.bodyPiece(ByteBuffer.wrap(body.clone()));
            }
            if (!request.bodyEnded()) {
                return request;
            }
        } catch (Exception e) {
            site.processingFailed(request, new Failure(e));
            return request;
        }
        site.render(request);
        return request;
    }

    /**
     * The original client went away: the request is dropped as for a lost connection.
     *
     * @param request a request {@link #render} returned
     */
    public static void lost(Request request) {
        if (!request.isFinished()) {
            request.connectionLost(new Failure(new ConnectionLost("the copied request's client went away")));
        }
    }

    // ---- RequestChannel

    @Override
    public Site site() {
        return site;
    }

    @Override
    public Address host() {
        return host;
    }

    @Override
    public Address peer() {
        return client;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean bodyUnread(Request r) {
        return false;
    }

    @Override
    public void pauseBody(Request r) {
        // The body is all here.
    }

    @Override
    public void resumeBody(Request r) {
        // The body is all here.
    }

    @Override
    public void switchProtocols(Request r, Protocol protocol) {
        throw new IllegalStateException("a copied request cannot switch protocols");
    }

    @Override
    public void requestDone(Request r) {
        site.logAccess(r);
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        // Nothing pushes back here: a pull producer is asked for data until it unregisters.
        if (!streaming && producer instanceof PullProducer pull) {
            this.producer = pull;
            while (this.producer == pull && !ended) {
                pull.resumeProducing();
            }
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    @Override
    public void abortConnection() {
        end();
    }

    @Override
    public @Nullable FileRegionTransport fileRegions() {
        return null;
    }

    // ---- ResponseWire

    @Override
    public boolean keepAlive() {
        return true;
    }

    @Override
    public boolean raw() {
        return false;
    }

    @Override
    public boolean plainBody() {
        return true;
    }

    @Override
    public void keepForUpgrade() {
        // No connection to keep.
    }

    @Override
    public void closeAfter() {
        // No connection to close.
    }

    @Override
    public void startRaw() {
        throw new IllegalStateException("a copied request cannot carry a raw response");
    }

    @Override
    public void head(int code, @Nullable String message, Headers headers, long knownLength, boolean noBody,
            boolean headMethod, byte[] body) {
        if (noBody) {
            headers.remove("Content-Length");
        } else if (!headers.contains("Content-Length") && knownLength >= 0) {
            headers.set("Content-Length", Long.toString(knownLength));
        }
        headers.remove("Transfer-Encoding");
        headers.remove("Connection");
        sink.head(code, message, headers);
        if (body.length > 0) {
            sink.body(body.clone());
        }
    }

    @Override
    public void body(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (bytes.length > 0) {
            sink.body(bytes);
        }
    }

    @Override
    public void rawBytes(ByteBuffer data) {
        body(data);
    }

    @Override
    public void end() {
        if (!ended) {
            ended = true;
            sink.end();
        }
    }
}
