package org.twisted4j.web;

import java.nio.ByteBuffer;
import org.twisted4j.defer.Failure;

/**
 * Receives an HTTP body as it arrives: a request's, for a {@link StreamingResource} (uploads larger than
 * memory, or bodies handled as they come), or a response's, from the client's
 * {@link org.twisted4j.web.client.Response#deliverBody}.
 *
 * <p>On the server, the request is rendered as usual once its body has ended (unless the receiver has already
 * answered it); its {@link Request#content()} is then empty, since the body went here.
 *
 * <p>Back-pressure: a receiver that cannot keep up calls {@link Request#pauseBody()} (or the response's
 * {@code pauseBody()}); the connection stops reading from the socket, so TCP slows the peer down, until
 * {@code resumeBody()}.
 *
 * <p>Threading: called on the reactor thread.
 */
public interface BodyReceiver {

    /**
     * Takes the next piece of the body (chunked framing removed).
     *
     * @param piece the bytes; valid only during the call (copy what is kept)
     * @throws Exception on the server, to fail the request: it is logged and answered 500, and the
     *     connection closes; on the client, to fail the body: the connection is closed
     */
    void dataReceived(ByteBuffer piece) throws Exception;

    /**
     * The body has ended (on the server, the request is rendered next).
     *
     * @throws Exception to fail the request as {@link #dataReceived} does
     */
    void bodyFinished() throws Exception;

    /**
     * The body will not end: the connection was lost, the body broke the protocol, or it grew past a limit.
     * (On the server, the request will not be rendered.)
     *
     * @param reason why
     */
    void bodyFailed(Failure reason);
}
