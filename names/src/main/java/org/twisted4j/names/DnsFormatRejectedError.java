package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the server could not read the query (FORMERR): Twisted's {@code DNSFormatError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsFormatRejectedError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsFormatRejectedError(Message response) {
        super(response);
    }
}
