package org.twisted4j.web;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a response can be encoded for a request, usually from its Accept-Encoding header, and
 * makes the {@link Encoder} if so; given to an {@link EncodingResourceWrapper}. {@link GzipEncoderFactory}
 * is the one provided.
 *
 * <pre>{@code
 * EncoderFactory gzipForAll = request -> new GzipEncoderFactory().encoderForRequest(request);
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
@FunctionalInterface
public interface EncoderFactory {

    /**
     * Returns an encoder for the response to this request, or null if the client does not accept this
     * factory's coding. Called as the wrapped resource is about to render, before it sets any header.
     *
     * @param request the request
     * @return a new encoder, or null
     */
    @Nullable Encoder encoderForRequest(Request request);
}
