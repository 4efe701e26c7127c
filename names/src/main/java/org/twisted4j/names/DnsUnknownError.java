package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the server answered with another error code: Twisted's {@code DNSUnknownError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsUnknownError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsUnknownError(Message response) {
        super(response);
    }
}
