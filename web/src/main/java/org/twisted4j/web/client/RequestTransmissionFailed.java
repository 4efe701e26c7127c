package org.twisted4j.web.client;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The request could not be sent whole: its {@link BodyProducer} failed or wrote a different number of bytes
 * than its {@link BodyProducer#length()}, as Twisted's {@code RequestTransmissionFailed}. The connection is
 * closed, since the server cannot tell where the request ends.
 *
 * <p>Threading: any thread (immutable).
 */
public final class RequestTransmissionFailed extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one.
     *
     * @param message what went wrong
     * @param cause the producer's error, or null
     */
    public RequestTransmissionFailed(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
