package org.twisted4j.names;

import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * Asks resolvers in turn, as Twisted's {@code twisted.names.resolve.ResolverChain}: the first answer wins; a
 * resolver failing with a {@link DnsResponseError} (NXDOMAIN, SERVFAIL, REFUSED...), a
 * {@link DnsQueryTimeoutError} or an {@link UnsupportedOperationException} passes the question to the next, and
 * the last one's failure is the chain's. Any other failure, {@link AuthoritativeDomainError} among them, ends the
 * chain at once.
 *
 * <pre>{@code
 * Resolver chain = new ResolverChain(List.of(new HostsResolver(Path.of("/etc/hosts")), client));
 * }</pre>
 *
 * <p>Reactor thread only.
 */
public final class ResolverChain implements Resolver {
    private final List<Resolver> resolvers;

    /** A chain of {@code resolvers}, asked in this order. */
    public ResolverChain(List<? extends Resolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    /** The resolvers, in order. */
    public List<Resolver> resolvers() {
        return resolvers;
    }

    /**
     * Asks each resolver in turn.
     *
     * @return the first answer; with no resolvers, fails with {@link DnsNameError}
     */
    @Override
    public Deferred<LookupResult> lookup(Query query) {
        if (resolvers.isEmpty()) {
            return Deferred.fail(new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN)
                    .query(query).build()));
        }
        return ask(0, query);
    }

    private Deferred<LookupResult> ask(int index, Query query) {
        Deferred<LookupResult> answer;
        try {
            answer = resolvers.get(index).lookup(query);
        } catch (RuntimeException e) {
            answer = Deferred.fail(e);
        }
        if (index + 1 == resolvers.size()) {
            return answer;
        }
        return answer.addErrbackDeferred((Failure failure) -> {
            failure.trap(DnsResponseError.class, DnsQueryTimeoutError.class, UnsupportedOperationException.class);
            return ask(index + 1, query);
        });
    }
}
