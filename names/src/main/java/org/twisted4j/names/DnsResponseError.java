package org.twisted4j.names;

import java.io.Serial;

/**
 * A server answered a lookup with an error response code; the subclasses name the codes, as Twisted's
 * {@code DomainError} family does. {@link #forResponse(Message)} picks the one for an answer.
 *
 * <p>Immutable; any thread.
 */
public abstract sealed class DnsResponseError extends Exception permits DnsNameError, DnsServerError,
        DnsQueryRefusedError, DnsNotImplementedError, DnsFormatRejectedError, DnsUnknownError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The answer; not serialised. */
    private final transient Message response;

    DnsResponseError(Message response) {
        super(Rcode.toText(response.rcode()) + " for " + (response.queries().isEmpty() ? "no question"
                : response.queries().get(0).toText()));
        this.response = response;
    }

    /** The answer that carried the error. */
    public Message response() {
        return response;
    }

    /** The error for an answer's response code, or null for NOERROR. */
    public static @org.jspecify.annotations.Nullable DnsResponseError forResponse(Message response) {
        return switch (response.rcode()) {
            case Rcode.NOERROR -> null;
            case Rcode.NXDOMAIN -> new DnsNameError(response);
            case Rcode.SERVFAIL -> new DnsServerError(response);
            case Rcode.REFUSED -> new DnsQueryRefusedError(response);
            case Rcode.NOTIMP -> new DnsNotImplementedError(response);
            case Rcode.FORMERR -> new DnsFormatRejectedError(response);
            default -> new DnsUnknownError(response);
        };
    }
}
