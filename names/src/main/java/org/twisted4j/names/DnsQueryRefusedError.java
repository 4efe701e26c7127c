package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the server refused the query (REFUSED): Twisted's {@code DNSQueryRefusedError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsQueryRefusedError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsQueryRefusedError(Message response) {
        super(response);
    }
}
