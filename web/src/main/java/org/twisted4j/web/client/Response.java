package org.twisted4j.web.client;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * A response to a request sent by an {@link HttpAgent}: its status and headers, and a body that is read only
 * once asked for, by {@link #deliverBody} or {@link #readBody()} (until then the connection holds it back).
 *
 * <p>Threading: reactor thread only.
 */
public interface Response {

    /** The {@link #length()} of a body whose length was not given. */
    long UNKNOWN_LENGTH = -1;

    /** Returns the HTTP version, such as {@code HTTP/1.1} or {@code HTTP/2}. */
    String version();

    /** Returns the status code. */
    int code();

    /** Returns the reason phrase (empty over HTTP/2). */
    String phrase();

    /** Returns the response headers. */
    Headers headers();

    /** Returns the body's length from its framing, or {@link #UNKNOWN_LENGTH}. */
    long length();

    /** Returns the URI the request that got this response was sent to. */
    URI requestUri();

    /** Returns the response that led to this one (a redirect followed), or null. */
    @Nullable Response previousResponse();

    /**
     * Streams the body to {@code receiver}: its pieces as they arrive, then {@link BodyReceiver#bodyFinished()},
     * or {@link BodyReceiver#bodyFailed} if the body breaks off. May be called once.
     *
     * @param receiver where the body goes
     * @throws IllegalStateException if the body has already been asked for
     */
    void deliverBody(BodyReceiver receiver);

    /** Stops reading the body from the connection until {@link #resumeBody()}: back-pressure for a slow receiver. */
    void pauseBody();

    /** Goes on reading the body after {@link #pauseBody()}. */
    void resumeBody();

    /**
     * Gives up on the body, as a Twisted body protocol stopping its transport: nothing more of it is
     * delivered, the connection it arrives on is aborted (and so not reused), and a receiver given to
     * {@link #deliverBody} is told {@link BodyReceiver#bodyFailed} with a
     * {@link org.twisted4j.defer.CancelledError}. Does nothing once the receiver has been told the body's end.
     */
    void abortBody();

    /**
     * Collects the whole body.
     *
     * @return a Deferred of the body's bytes, failing as {@link BodyReceiver#bodyFailed} would be told
     * @throws IllegalStateException if the body has already been asked for
     */
    Deferred<byte[]> readBody();

    /**
     * Reads the whole body, as {@link #readBody()}, but at most {@code maxBytes} of it: past that the body is
     * aborted (the connection closes) and the Deferred fails with {@link ResponseBodyTooLarge}.
     *
     * @return a Deferred of the body's bytes
     * @throws IllegalStateException if the body has already been asked for
     */
    default Deferred<byte[]> readBody(long maxBytes) {
        return BodyCollector.collect(this, maxBytes);
    }
}
