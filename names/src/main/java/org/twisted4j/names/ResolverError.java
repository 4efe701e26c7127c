package org.twisted4j.names;

/**
 * A lookup that could not be finished for a reason other than an error answer or a timeout, as Twisted's
 * {@code twisted.names.error.ResolverError}: a {@link RootResolver} that ran out of queries, or met an answer
 * with neither records nor a delegation.
 */
public final class ResolverError extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the error with what went wrong. */
    public ResolverError(String message) {
        super(message);
    }
}
