package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the server failed (SERVFAIL): Twisted's {@code DNSServerError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsServerError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsServerError(Message response) {
        super(response);
    }
}
