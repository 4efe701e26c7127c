package org.twisted4j.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;

/**
 * An iterative resolver, as Twisted's {@code twisted.names.root.Resolver}: it needs no recursive server, and
 * finds answers itself by asking the root servers, then the servers each one delegates to, down to the
 * authoritative ones.
 *
 * <pre>{@code
 * Resolver resolver = RootResolver.bootstrap(reactor);
 * resolver.lookupAddress("example.com").addCallback(...);
 * }</pre>
 *
 * <h2>How a lookup goes</h2>
 * The question is sent without recursion to the current servers (the root hints first). An answer with records
 * is the result; when it holds only a CNAME for a type other than CNAME, the target is looked up again from the
 * roots and its records follow the CNAME in the result. A referral (NS records in the authority section) moves
 * on to the delegated servers: their addresses from the glue records when given, otherwise looked up from the
 * roots as well. NXDOMAIN and the other error codes fail as for {@link DnsClient}; an answer with neither
 * records, a delegation nor an SOA fails with {@link ResolverError}. Each lookup may send at most
 * {@code maximumQueries} queries in all (10, as Twisted's), address lookups of name servers and CNAME targets
 * included; past that it fails with {@link ResolverError}. Nothing is cached: put a {@link CacheResolver} in
 * front of it.
 *
 * <p>Reactor thread only.
 */
public final class RootResolver implements Resolver {

    /** The IPv4 addresses of the thirteen root servers, a to m (the IANA root hints). */
    public static final List<String> ROOT_SERVERS = List.of("198.41.0.4", "170.247.170.2", "192.33.4.12",
            "199.7.91.13", "192.203.230.10", "192.5.5.241", "192.112.36.4", "198.97.190.53", "192.36.148.17",
            "192.58.128.30", "193.0.14.129", "199.7.83.42", "202.12.27.33");
    /** The most queries one lookup may send, as Twisted's. */
    public static final int DEFAULT_MAXIMUM_QUERIES = 10;
    /** The timeouts of each query, in seconds: short, as the next server is tried after them. */
    public static final List<Double> TIMEOUTS = List.of(1.0, 3.0);

    private final ReactorUDP udp;
    private final ReactorTCP tcp;
    private final ReactorTime time;
    private final List<String> hints;
    private final int port;
    private final int maximumQueries;

    /**
     * Creates a resolver starting from {@code hints}.
     *
     * @param hints the root servers' IP address literals
     * @param port the port every server is asked on (53; another only for tests)
     * @param maximumQueries the most queries one lookup may send
     * @throws IllegalArgumentException if there are no hints, one is not an address, or a number is out of range
     */
    public RootResolver(ReactorUDP udp, ReactorTCP tcp, ReactorTime time, List<String> hints, int port,
            int maximumQueries) {
        this.udp = Objects.requireNonNull(udp, "udp");
        this.tcp = Objects.requireNonNull(tcp, "tcp");
        this.time = Objects.requireNonNull(time, "time");
        if (hints.isEmpty() || port < 1 || port > 65535 || maximumQueries < 1) {
            throw new IllegalArgumentException("a root resolver needs hints, a port and at least one query");
        }
        hints.forEach(hint -> DnsClient.address(hint, port));
        this.hints = List.copyOf(hints);
        this.port = port;
        this.maximumQueries = maximumQueries;
    }

    /** A resolver starting from the real root servers ({@link #ROOT_SERVERS}) on port 53. */
    public static <R extends ReactorUDP & ReactorTCP & ReactorTime> RootResolver bootstrap(R reactor) {
        return new RootResolver(reactor, reactor, reactor, ROOT_SERVERS, DnsClient.PORT, DEFAULT_MAXIMUM_QUERIES);
    }

    /** The queries left to one lookup, shared by the lookups it starts. */
    private static final class Budget {
        int left;

        Budget(int left) {
            this.left = left;
        }
    }

    @Override
    public Deferred<LookupResult> lookup(Query query) {
        return discover(query, hints, new Budget(maximumQueries));
    }

    private Deferred<LookupResult> discover(Query query, List<String> servers, Budget budget) {
        if (budget.left <= 0) {
            return Deferred.fail(new ResolverError("query limit reached without a result for " + query.toText()));
        }
        budget.left--;
        List<Address> addresses = servers.stream().map(server -> DnsClient.address(server, port)).toList();
        DnsClient client = new DnsClient(udp, tcp, time, addresses, TIMEOUTS);
        return client.query(query, false).addCallbackDeferred(response -> {
            DnsResponseError error = DnsResponseError.forResponse(response);
            if (error != null) {
                return Deferred.<LookupResult>fail(error);
            }
            if (!response.answers().isEmpty()) {
                return answered(query, LookupResult.of(response), budget);
            }
            List<Name> delegated = new ArrayList<>();
            for (ResourceRecord record : response.authority()) {
                if (record.data() instanceof NsRecord ns) {
                    delegated.add(ns.target());
                }
            }
            if (delegated.isEmpty()) {
                boolean noData = response.authority().stream().anyMatch(r -> r.type() == RecordType.SOA);
                return noData ? Deferred.succeed(LookupResult.of(response))
                        : Deferred.<LookupResult>fail(new ResolverError(
                                "stuck at an answer with neither records nor a delegation for " + query.toText()));
            }
            List<String> glue = new ArrayList<>();
            for (ResourceRecord record : response.additional()) {
                if (delegated.contains(record.name())) {
                    if (record.data() instanceof ARecord a) {
                        glue.add(a.address().getHostAddress());
                    } else if (record.data() instanceof AaaaRecord aaaa) {
                        glue.add(Texts.ipv6(aaaa.address()));
                    }
                }
            }
            if (!glue.isEmpty()) {
                return discover(query, glue, budget);
            }
            return addressesOf(new Query(delegated.get(0), RecordType.A, DnsClass.IN), budget)
                    .addCallbackDeferred(found -> discover(query, found, budget));
        });
    }

    /** The answer, with the records of a CNAME's target looked up from the roots when it holds only the CNAME. */
    private Deferred<LookupResult> answered(Query query, LookupResult result, Budget budget) {
        if (query.type() == RecordType.CNAME || query.type() == RecordType.ANY) {
            return Deferred.succeed(result);
        }
        Name end = query.name();
        boolean moved = true;
        for (int step = 0; moved && step < result.answers().size(); step++) {
            moved = false;
            for (ResourceRecord record : result.answers()) {
                if (record.name().equals(end) && record.type() == query.type()) {
                    return Deferred.succeed(result);
                }
                if (record.name().equals(end) && record.data() instanceof CnameRecord cname) {
                    end = cname.target();
                    moved = true;
                }
            }
        }
        if (end.equals(query.name())) {
            return Deferred.succeed(result);
        }
        return discover(new Query(end, query.type(), query.dnsClass()), hints, budget).addCallback(target -> {
            List<ResourceRecord> answers = new ArrayList<>(result.answers());
            answers.addAll(target.answers());
            return new LookupResult(answers, target.authority(), target.additional());
        });
    }

    /** The addresses of a name server, looked up from the roots. */
    private Deferred<List<String>> addressesOf(Query query, Budget budget) {
        return discover(query, hints, budget).addCallback(result -> {
            List<String> found = new ArrayList<>();
            for (ResourceRecord record : result.answers()) {
                if (record.data() instanceof ARecord a) {
                    found.add(a.address().getHostAddress());
                }
            }
            if (found.isEmpty()) {
                throw new ResolverError("name server " + query.name() + " has no address");
            }
            return found;
        });
    }
}
