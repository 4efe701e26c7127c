package org.twisted4j.names;

import java.io.Serial;

/**
 * A resolver knows for certain that a name does not exist, or has no records of the type asked, as Twisted's
 * {@code AuthoritativeDomainError}: unlike a {@link DnsNameError}, a {@link ResolverChain} does not ask its next
 * resolver. {@link CacheResolver} fails with it for an answer it caches as negative. The answer it stands for,
 * with the SOA record of its authority section, is kept in {@link #response()}.
 *
 * <p>Immutable; any thread.
 */
public final class AuthoritativeDomainError extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The answer; not serialised. */
    private final transient Message response;

    /** Made from the (negative) answer it stands for. */
    public AuthoritativeDomainError(Message response) {
        super(Rcode.toText(response.rcode()) + " for " + (response.queries().isEmpty() ? "no question"
                : response.queries().get(0).toText()));
        this.response = response;
    }

    /** The answer: NXDOMAIN, or NOERROR without answers, with the SOA in its authority section. */
    public Message response() {
        return response;
    }
}
