package org.twisted4j.names;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.endpoints.HostResolver;

/**
 * Host name lookups for the rest of twisted4j through a names {@link Resolver}, as Twisted's
 * {@code reactor.installResolver(client.createResolver())}: give it to a
 * {@link org.twisted4j.internet.endpoints.HostnameEndpoint} or to the HTTP {@code Agent}'s builder and they look
 * names up asynchronously over DNS (or a hosts file, or a cache) instead of with the JDK's blocking resolver on
 * a thread.
 *
 * <pre>{@code
 * HostResolver names = DnsHostResolver.of(Resolvers.createResolver(reactor), ResolvConf.read(Resolvers.RESOLV_CONF));
 * new HostnameEndpoint(reactor, names, "example.com", 443, 30, null, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
 * }</pre>
 *
 * <h2>What it asks</h2>
 * For each name it asks for the IPv6 ({@code AAAA}) and the IPv4 ({@code A}) addresses at the same time and
 * follows CNAMEs, inside an answer or by asking again for the chain's end, at most
 * {@value Resolver#CNAME_EFFORT} times. The IPv4 addresses come first, as the JDK's resolver gives them,
 * unless the system property {@code java.net.preferIPv6Addresses} is {@code true}; the endpoint then
 * alternates families as RFC 8305 says. One family failing (a timeout, SERVFAIL) does not hide the other.
 *
 * <h2>Search list</h2>
 * A name is completed with the search domains as the C library does (resolv.conf(5)): a name ending in a dot
 * is asked as it is and nothing else; a name with at least {@code ndots} dots is asked as it is first, then
 * with each search domain; a shorter one with each search domain first, then as it is. The first candidate
 * with an address wins; when none has one, the lookup fails with a {@link DNSLookupError} naming the host and
 * what the last candidate's lookup said.
 *
 * <p>Threading: reactor thread only, as the resolver it uses.
 */
public final class DnsHostResolver implements HostResolver {
    private final Resolver resolver;
    private final List<Name> search;
    private final int ndots;
    private final boolean ipv6First;

    /**
     * Creates a host resolver.
     *
     * @param resolver answers the questions
     * @param search the domains short names are completed with, in order
     * @param ndots how many dots make a name asked as it is before the search list
     * @param ipv6First whether IPv6 addresses are listed before IPv4 ones
     */
    public DnsHostResolver(Resolver resolver, List<Name> search, int ndots, boolean ipv6First) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.search = List.copyOf(search);
        if (ndots < 0) {
            throw new IllegalArgumentException("ndots must not be negative: " + ndots);
        }
        this.ndots = ndots;
        this.ipv6First = ipv6First;
    }

    /** A host resolver with no search list, ordering families as the JDK's resolver does. */
    public static DnsHostResolver of(Resolver resolver) {
        return new DnsHostResolver(resolver, List.of(), 1, preferIpv6());
    }

    /** A host resolver with the search list and {@code ndots} of a resolv.conf. */
    public static DnsHostResolver of(Resolver resolver, ResolvConf conf) {
        return new DnsHostResolver(resolver, conf.search(), conf.ndots(), preferIpv6());
    }

    private static boolean preferIpv6() {
        return Boolean.parseBoolean(System.getProperty("java.net.preferIPv6Addresses"));
    }

    @Override
    public Deferred<List<InetAddress>> resolve(String host) {
        Objects.requireNonNull(host, "host");
        List<Name> candidates;
        try {
            candidates = candidates(host);
        } catch (IllegalArgumentException e) {
            return Deferred.fail(new DNSLookupError(host + ": " + e.getMessage()));
        }
        return tryCandidates(host, candidates, 0, null);
    }

    /** The names to ask, in order, for what the user typed; see the class description. */
    List<Name> candidates(String host) {
        boolean absolute = host.endsWith(".");
        Name name = Name.fromUnicode(host);
        if (absolute || search.isEmpty()) {
            return List.of(name);
        }
        List<Name> completed = new ArrayList<>(search.size());
        for (Name domain : search) {
            List<byte[]> labels = new ArrayList<>(name.labels());
            labels.addAll(domain.labels());
            try {
                completed.add(Name.fromLabels(labels));
            } catch (IllegalArgumentException tooLong) {
                // The C library skips a completion longer than a name may be; so do we.
            }
        }
        List<Name> all = new ArrayList<>(completed.size() + 1);
        long dots = host.chars().filter(c -> c == '.').count();
        if (dots >= ndots) {
            all.add(name);
            all.addAll(completed);
        } else {
            all.addAll(completed);
            all.add(name);
        }
        return all;
    }

    private Deferred<List<InetAddress>> tryCandidates(String host, List<Name> candidates, int index,
            @Nullable String lastProblem) {
        if (index == candidates.size()) {
            return Deferred.fail(new DNSLookupError(host + (lastProblem == null ? "" : ": " + lastProblem)));
        }
        Name name = candidates.get(index);
        Deferred<Family> first = family(name, ipv6First ? RecordType.AAAA : RecordType.A);
        Deferred<Family> second = family(name, ipv6First ? RecordType.A : RecordType.AAAA);
        return Deferred.<Family>gatherResults(List.of(first, second)).addCallbackDeferred(families -> {
            List<InetAddress> addresses = new ArrayList<>();
            String problem = null;
            for (Family family : families) {
                addresses.addAll(family.addresses());
                if (problem == null) {
                    problem = family.problem();
                }
            }
            if (!addresses.isEmpty()) {
                return Deferred.succeed(addresses);
            }
            return tryCandidates(host, candidates, index + 1, problem != null ? problem : name + " has no address");
        });
    }

    /** The addresses of one type, or why there are none; never fails. */
    private record Family(List<InetAddress> addresses, @Nullable String problem) {
    }

    private Deferred<Family> family(Name name, int type) {
        return addresses(name, type, Resolver.CNAME_EFFORT)
                .addCallback(found -> new Family(found, null))
                .addErrback((Failure failure) -> new Family(List.of(), describe(failure)));
    }

    private static String describe(Failure failure) {
        Throwable error = failure.value();
        return error instanceof DnsNameError ? "no such name" : String.valueOf(error.getMessage());
    }

    private Deferred<List<InetAddress>> addresses(Name name, int type, int effort) {
        return resolver.lookup(new Query(name, type, DnsClass.IN)).addCallbackDeferred(result -> {
            List<ResourceRecord> records = new ArrayList<>(result.answers());
            records.addAll(result.additional());
            Map<Name, Name> aliases = new HashMap<>();
            for (ResourceRecord record : records) {
                if (record.data() instanceof CnameRecord cname) {
                    aliases.putIfAbsent(record.name(), cname.target());
                }
            }
            Set<Name> chain = new HashSet<>();
            Name end = name;
            while (chain.add(end) && aliases.containsKey(end)) {
                end = aliases.get(end);
            }
            List<InetAddress> found = new ArrayList<>();
            for (ResourceRecord record : records) {
                if (!chain.contains(record.name())) {
                    continue;
                }
                if (type == RecordType.A && record.data() instanceof ARecord a) {
                    found.add(a.address());
                } else if (type == RecordType.AAAA && record.data() instanceof AaaaRecord aaaa) {
                    found.add(aaaa.address());
                }
            }
            if (found.isEmpty() && !end.equals(name) && effort > 0) {
                return addresses(end, type, effort - 1);
            }
            return Deferred.succeed(found);
        });
    }
}
