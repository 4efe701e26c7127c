package org.twisted4j.names;

import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;

/**
 * Something that answers DNS lookups, as Twisted's {@code IResolver}: a {@link DnsClient}, a
 * {@link HostsResolver}, a {@link CacheResolver}, a {@link ResolverChain} of them, or the server's authorities.
 * Implementations give {@link #lookup(Query)}; the {@code lookup*} family and {@link #getHostByName} follow
 * from it.
 *
 * <pre>{@code
 * Resolver resolver = Resolvers.createResolver(reactor, List.of(), null, null);
 * resolver.getHostByName("example.com").addCallback(address -> { use(address); return null; });
 * }</pre>
 *
 * <h2>Failures</h2>
 * A name that does not exist fails with {@link DnsNameError}; other error answers with the
 * {@link DnsResponseError} for their code; no answer in time with {@link DnsQueryTimeoutError}; a type the
 * resolver does not serve (a hosts file asked for MX) with {@link UnsupportedOperationException}. A
 * {@link ResolverChain} moves on to its next resolver on all of these, as Twisted's does.
 *
 * <p>Threading: reactor thread only, unless an implementation says otherwise.
 */
public interface Resolver {

    /** Looks up the records of a question; the primitive the others call. */
    Deferred<LookupResult> lookup(Query query);

    /** Looks up records of {@code type} in class IN (an internationalised name is converted with IDNA). */
    default Deferred<LookupResult> lookup(String name, int type) {
        return lookup(new Query(Name.fromUnicode(name), type, DnsClass.IN));
    }

    /** Looks up IPv4 addresses ({@code A}). */
    default Deferred<LookupResult> lookupAddress(String name) {
        return lookup(name, RecordType.A);
    }

    /** Looks up IPv6 addresses ({@code AAAA}). */
    default Deferred<LookupResult> lookupIPV6Address(String name) {
        return lookup(name, RecordType.AAAA);
    }

    /** Looks up mail exchanges ({@code MX}). */
    default Deferred<LookupResult> lookupMailExchange(String name) {
        return lookup(name, RecordType.MX);
    }

    /** Looks up name servers ({@code NS}). */
    default Deferred<LookupResult> lookupNameservers(String name) {
        return lookup(name, RecordType.NS);
    }

    /** Looks up a canonical name ({@code CNAME}). */
    default Deferred<LookupResult> lookupCanonicalName(String name) {
        return lookup(name, RecordType.CNAME);
    }

    /** Looks up text ({@code TXT}). */
    default Deferred<LookupResult> lookupText(String name) {
        return lookup(name, RecordType.TXT);
    }

    /** Looks up services ({@code SRV}). */
    default Deferred<LookupResult> lookupService(String name) {
        return lookup(name, RecordType.SRV);
    }

    /** Looks up a pointer ({@code PTR}). */
    default Deferred<LookupResult> lookupPointer(String name) {
        return lookup(name, RecordType.PTR);
    }

    /** Looks up the start of authority ({@code SOA}). */
    default Deferred<LookupResult> lookupAuthority(String name) {
        return lookup(name, RecordType.SOA);
    }

    /** Looks up every record the resolver will give ({@code ANY}). */
    default Deferred<LookupResult> lookupAllRecords(String name) {
        return lookup(name, RecordType.ANY);
    }

    /** The most CNAME steps {@link #getHostByName} follows. */
    int CNAME_EFFORT = 10;

    /**
     * The first address of a name, as Twisted's {@code getHostByName}: asks for its IPv4 addresses and follows
     * CNAMEs, within the answer or by asking again, at most {@value #CNAME_EFFORT} times.
     *
     * @return fires with the address as text, or fails with what the lookup failed with, or
     *         {@link DNSLookupError} when the answer has no address
     */
    default Deferred<String> getHostByName(String name) {
        return hostByName(Name.fromUnicode(name), CNAME_EFFORT);
    }

    private Deferred<String> hostByName(Name name, int effort) {
        return lookup(new Query(name, RecordType.A, DnsClass.IN)).addCallbackDeferred(result -> {
            List<ResourceRecord> records = new ArrayList<>(result.answers());
            records.addAll(result.authority());
            records.addAll(result.additional());
            Name wanted = name;
            for (int step = 0; step <= CNAME_EFFORT; step++) {
                Name next = null;
                for (ResourceRecord record : records) {
                    if (!record.name().equals(wanted)) {
                        continue;
                    }
                    if (record.data() instanceof ARecord a) {
                        return Deferred.succeed(a.address().getHostAddress());
                    }
                    if (record.data() instanceof AaaaRecord aaaa) {
                        return Deferred.succeed(Texts.ipv6(aaaa.address()));
                    }
                    if (record.data() instanceof CnameRecord cname && next == null) {
                        next = cname.target();
                    }
                }
                if (next == null) {
                    break;
                }
                wanted = next;
            }
            if (!wanted.equals(name) && effort > 0) {
                return hostByName(wanted, effort - 1);
            }
            return Deferred.<String>fail(new DNSLookupError(name.toString()));
        });
    }
}
