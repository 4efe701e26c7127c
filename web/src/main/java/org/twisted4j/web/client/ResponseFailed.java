package org.twisted4j.web.client;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The response could not be read: the server broke the protocol, or the connection ended in the response's
 * head or body. As Twisted's {@code ResponseFailed}. The cause, when there is one, is the connection's
 * error (a {@link org.twisted4j.internet.ConnectionLost}, a {@link org.twisted4j.protocols.tls.TlsError}, a
 * {@link org.twisted4j.defer.TimeoutError}...).
 *
 * <p>A {@link ResponseNeverReceived} is the case where not one byte of the response arrived.
 *
 * <p>Threading: any thread (immutable).
 */
public class ResponseFailed extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one.
     *
     * @param message what went wrong
     * @param cause the underlying error, or null
     */
    public ResponseFailed(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
