package org.twisted4j.web;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;

/**
 * What a {@link Request} needs of the connection it came on: an HTTP/1.1 connection ({@link HTTPChannel}) or
 * an HTTP/2 stream. Reactor thread only.
 */
interface RequestChannel {

    /** Returns the site serving the request. */
    Site site();

    /** Returns the server's address on the connection. */
    Address host();

    /** Returns the client's address. */
    Address peer();

    /** Whether the connection is secured by TLS. */
    boolean isSecure();

    /** Whether the request's body has not been read in full (a response now closes the connection). */
    boolean bodyUnread(Request request);

    /** Stops reading the request's body until {@link #resumeBody}. */
    void pauseBody(Request request);

    /** Goes on reading the request's body. */
    void resumeBody(Request request);

    /**
     * Gives the connection to {@code protocol} after the request's 101 head.
     *
     * @throws IllegalStateException if the connection cannot be handed over
     */
    void switchProtocols(Request request, Protocol protocol);

    /** The request's response is finished. */
    void requestDone(Request request);

    /** Registers the producer of the request's response body. */
    void registerProducer(Producer producer, boolean streaming);

    /** Unregisters it. */
    void unregisterProducer();

    /** Drops the request's response at once (HTTP/1.1 aborts the connection). */
    void abortConnection();

    /** Returns the transport file regions can be written to for this request's body, or null if none. */
    @Nullable FileRegionTransport fileRegions();
}
