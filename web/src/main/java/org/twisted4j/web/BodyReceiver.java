package org.twisted4j.web;

import java.nio.ByteBuffer;
import org.twisted4j.defer.Failure;

/**
 * Receives a request's body as it arrives, for a {@link StreamingResource}: uploads larger than memory, or
 * bodies handled as they come. The request is rendered as usual once the body has ended (unless the receiver
 * has already answered it); its {@link Request#content()} is then empty, since the body went here.
 *
 * <p>Back-pressure: a receiver that cannot keep up calls {@link Request#pauseBody()}; the connection stops
 * reading from the socket (so TCP slows the client down) until {@link Request#resumeBody()}.
 *
 * <p>Threading: called on the reactor thread.
 */
public interface BodyReceiver {

    /**
     * Takes the next piece of the body (chunked framing removed).
     *
     * @param piece the bytes; valid only during the call (copy what is kept)
     * @throws Exception to fail the request: it is logged and answered 500, and the connection closes
     */
    void dataReceived(ByteBuffer piece) throws Exception;

    /**
     * The body has ended; the request is rendered next.
     *
     * @throws Exception to fail the request as {@link #dataReceived} does
     */
    void bodyFinished() throws Exception;

    /**
     * The body will not end: the connection was lost, the body broke the protocol, or it grew past the
     * site's limit. The request will not be rendered.
     *
     * @param reason why
     */
    void bodyFailed(Failure reason);
}
