package org.twisted4j.web;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Serves a resource's responses in a content coding the client accepts, such as gzip; this is twisted.web's
 * {@code resource.EncodingResourceWrapper}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Resource events = new EventStream();                 // writes with request.write, finishes later
 * root.putChild("events", new EncodingResourceWrapper(events, List.of(new GzipEncoderFactory())));
 * }</pre>
 *
 * <h2>What it does</h2>
 * When the wrapper renders, the first factory that gives an {@link Encoder} for the request wins, and the
 * request passes its body through that encoder: a body returned from the render method is encoded whole and
 * sent with the encoded Content-Length; bytes given to {@link Request#write} are encoded as they come and go
 * out chunked (closing the connection for HTTP/1.0), since the encoded length is not known ahead. The
 * response gets {@code Content-Encoding} and loses any Content-Length the resource set. A response is left
 * as it is if it is to HEAD, is 1xx, 204, 206 or 304, or already has a Content-Encoding (say a file stored
 * compressed). Every response of the wrapper carries {@code Vary: Accept-Encoding}, for caches.
 *
 * <p>The wrapper passes traversal through: {@link #isLeaf()}, children and {@link #putChild} are the wrapped
 * resource's, so a child found below it is not wrapped; wrap each resource whose responses should be
 * encoded (or the one that renders them).
 *
 * <p>The request keeps the encoder in a package-private slot, which {@link Request#write} and
 * {@link Request#finish()} apply; it is decided finally when the headers are sent, so the resource can still
 * set the status or a Content-Encoding of its own while it renders.
 *
 * <p>Threading: reactor thread only.
 */
public final class EncodingResourceWrapper extends Resource {

    private final Resource wrapped;
    private final List<EncoderFactory> encoders;

    /**
     * Wraps a resource.
     *
     * @param wrapped the resource whose responses are encoded
     * @param encoders the codings offered, in order of preference
     */
    public EncodingResourceWrapper(Resource wrapped, List<? extends EncoderFactory> encoders) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.encoders = List.copyOf(encoders);
    }

    /** Returns the wrapped resource. */
    public Resource getWrappedResource() {
        return wrapped;
    }

    @Override
    public boolean isLeaf() {
        return wrapped.isLeaf();
    }

    @Override
    public void putChild(String path, Resource child) {
        wrapped.putChild(path, child);
    }

    @Override
    public @Nullable Resource getStaticChild(String path) {
        return wrapped.getStaticChild(path);
    }

    @Override
    public Set<String> childNames() {
        return wrapped.childNames();
    }

    @Override
    public Resource getChildWithDefault(String path, Request request) {
        return wrapped.getChildWithDefault(path, request);
    }

    @Override
    public Resource getChild(String path, Request request) {
        return wrapped.getChild(path, request);
    }

    @Override
    public List<String> allowedMethods() {
        return wrapped.allowedMethods();
    }

    /**
     * Picks the encoder for the request, then renders the wrapped resource.
     *
     * @param request the request
     * @return what the wrapped resource returns
     * @throws Exception whatever the wrapped resource throws
     */
    @Override
    public byte[] render(Request request) throws Exception {
        if (!request.headersSent()) {
            addVary(request.getResponseHeaders());
            for (EncoderFactory factory : encoders) {
                Encoder encoder = factory.encoderForRequest(request);
                if (encoder != null) {
                    request.setEncoder(encoder);
                    break;
                }
            }
        }
        return wrapped.render(request);
    }

    /**
     * Decides as the headers go whether {@code encoder} applies to the response; if so, marks the headers.
     *
     * @return whether the body is to be encoded
     */
    static boolean start(Request request, Encoder encoder) {
        int code = request.getResponseCode();
        Headers headers = request.getResponseHeaders();
        if (request.getMethod().equals("HEAD") || code < 200 || code == 204 || code == 206 || code == 304
                || headers.contains("Content-Encoding")) {
            return false;
        }
        headers.set("Content-Encoding", encoder.contentCoding());
        headers.remove("Content-Length");
        return true;
    }

    private static void addVary(Headers headers) {
        for (String vary : headers.getAll("Vary")) {
            for (String name : vary.split(",")) {
                String n = name.strip();
                if (n.equals("*") || n.equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
        }
        headers.add("Vary", "Accept-Encoding");
    }
}
