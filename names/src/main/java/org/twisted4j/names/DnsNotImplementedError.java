package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the server does not do this kind of query (NOTIMP): Twisted's {@code DNSNotImplementedError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsNotImplementedError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsNotImplementedError(Message response) {
        super(response);
    }
}
