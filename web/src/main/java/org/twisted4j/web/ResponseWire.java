package org.twisted4j.web;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * How one response goes onto its connection: {@link Http11Response}'s status line, headers and chunks, or an
 * HTTP/2 stream's frames. {@link Request} decides what to send; this frames it. Reactor thread only.
 */
interface ResponseWire {

    /** Whether the connection may carry another request after this response. */
    boolean keepAlive();

    /** Whether the response is written whole by someone else ({@link #startRaw()}). */
    boolean raw();

    /** Whether body bytes go out as they are, so that a file region can carry them. */
    boolean plainBody();

    /** Keeps the connection open after a {@code 101}, for the protocol it is handed to. */
    void keepForUpgrade();

    /** Closes the connection after this response. */
    void closeAfter();

    /**
     * The response's bytes come whole from elsewhere, head included; only the connection's close ends them.
     *
     * @throws IllegalStateException if the connection cannot carry such a response
     */
    void startRaw();

    /**
     * Sends the head, followed by {@code body}.
     *
     * @param knownLength the body's length, or -1 if not known yet
     * @param noBody the status forbids a body (1xx, 204, 304)
     * @param headMethod the request was HEAD: the head describes the body GET would have had
     * @param body bytes to send with the head (empty when there is no body)
     */
    void head(int code, @Nullable String message, Headers headers, long knownLength, boolean noBody,
              boolean headMethod, byte[] body);

    /** Sends body bytes; the buffer is consumed. */
    void body(ByteBuffer data);

    /** Sends bytes of a raw response as they are. */
    void rawBytes(ByteBuffer data);

    /** Ends the body. */
    void end();
}
