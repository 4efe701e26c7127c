package org.twisted4j.names;

import java.io.Serial;

/**
 * No server answered a query before the last of its timeouts ran out: Twisted's {@code DNSQueryTimeoutError}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsQueryTimeoutError extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made for the question that went unanswered. */
    public DnsQueryTimeoutError(Query query) {
        super("no answer to " + query.toText());
    }
}
