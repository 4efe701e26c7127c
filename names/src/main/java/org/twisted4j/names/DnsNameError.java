package org.twisted4j.names;

import java.io.Serial;

/**
 * A lookup failed because the name does not exist (NXDOMAIN): Twisted's {@code DNSNameError}. The answer is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class DnsNameError extends DnsResponseError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Made from the answer that says so. */
    public DnsNameError(Message response) {
        super(response);
    }
}
