package org.twisted4j.names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;

/**
 * Answers from answers seen before, as Twisted's {@code twisted.names.cache.CacheResolver}, with negative
 * caching (RFC 2308) and a bounded size. The server (or anyone) {@linkplain #cacheResult stores} answers; a
 * {@link #lookup} of a question cached gives the records with their TTLs counted down by the time spent in the
 * cache, on the reactor's clock; one not cached fails with {@link DnsNameError}, so a {@link ResolverChain}
 * asks its next resolver.
 *
 * <pre>{@code
 * CacheResolver cache = new CacheResolver(reactor);
 * cache.cacheResult(query, result);           // kept for the smallest TTL of its records
 * cache.lookup(query);                        // the same records, TTLs lowered by the time passed
 * }</pre>
 *
 * <h2>Expiry</h2>
 * A positive answer is kept for the smallest TTL of its records (as Twisted's). A negative one, a
 * {@linkplain #cacheNegative NXDOMAIN} or an answer without records of the type asked (NODATA), is kept for
 * the smaller of its SOA record's TTL and the SOA's MINIMUM field (RFC 2308 §5), and only when the authority
 * section has that SOA; a cached negative answer fails with {@link AuthoritativeDomainError}, which ends a chain.
 * Expired entries are dropped when next asked for or when room is needed; no timer is scheduled.
 *
 * <h2>Limit</h2>
 * At most {@value #DEFAULT_MAX_ENTRIES} questions by default ({@link #setMaxEntries}); beyond it the least
 * recently used goes.
 *
 * <p>Reactor thread only.
 */
public final class CacheResolver implements Resolver {
    /** The default number of questions kept. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final ReactorTime clock;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private final LinkedHashMap<Query, Cached> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Query, Cached> eldest) {
            return size() > maxEntries;
        }
    };

    /** One cached answer: the sections, when stored, how long it lasts, and the negative answer if any. */
    private record Cached(LookupResult result, double stored, long lifetime, @Nullable Message negative) {
    }

    /** A cache on {@code clock}'s time. */
    public CacheResolver(ReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets how many questions are kept at most.
     *
     * @throws IllegalArgumentException if not positive
     */
    public CacheResolver setMaxEntries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a cache needs room for an entry: " + max);
        }
        maxEntries = max;
        return this;
    }

    /** How many questions are cached now, expired ones not yet dropped included. */
    public int size() {
        return entries.size();
    }

    /**
     * Stores an answer. One with no answer records is a NODATA answer, cached negatively when its authority
     * section has an SOA record, else not at all; one whose smallest TTL is 0 is not cached. While an entry for
     * the question is still fresh it is kept as it is (so an answer the cache gave, stored again, does not make
     * it live longer).
     */
    public void cacheResult(Query query, LookupResult result) {
        if (fresh(query)) {
            return;
        }
        if (result.answers().isEmpty()) {
            Message nodata = Message.builder().response(true).rcode(Rcode.NOERROR).query(query).build();
            storeNegative(query, result, nodata);
            return;
        }
        long lifetime = Long.MAX_VALUE;
        for (List<ResourceRecord> section : List.of(result.answers(), result.authority(), result.additional())) {
            for (ResourceRecord record : section) {
                lifetime = Math.min(lifetime, record.ttl());
            }
        }
        if (lifetime > 0) {
            entries.put(key(query), new Cached(result, clock.seconds(), lifetime, null));
        }
    }

    /**
     * Stores a negative answer (NXDOMAIN, or NOERROR without answers) for the time its SOA allows; one without an
     * SOA record in its authority section is not cached (RFC 2308 §5).
     */
    public void cacheNegative(Query query, Message response) {
        if (fresh(query)) {
            return;
        }
        storeNegative(query, LookupResult.of(response), response);
    }

    private void storeNegative(Query query, LookupResult result, Message response) {
        long lifetime = -1;
        for (ResourceRecord record : result.authority()) {
            if (record.data() instanceof SoaRecord soa) {
                lifetime = Math.min(record.ttl(), soa.minimum());
                break;
            }
        }
        if (lifetime > 0) {
            entries.put(key(query), new Cached(new LookupResult(List.of(), result.authority(), List.of()),
                    clock.seconds(), lifetime, response));
        }
    }

    /**
     * Answers from the cache.
     *
     * @return the cached sections with TTLs lowered by the whole seconds since they were stored; fails with
     *         {@link AuthoritativeDomainError} for a negative entry, {@link DnsNameError} when not cached
     */
    @Override
    public Deferred<LookupResult> lookup(Query query) {
        Query key = key(query);
        Cached entry = entries.get(key);
        long elapsed = entry == null ? 0 : (long) Math.floor(clock.seconds() - entry.stored());
        if (entry == null || elapsed >= entry.lifetime()) {
            if (entry != null) {
                entries.remove(key);
            }
            return Deferred.fail(new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN)
                    .query(query).build()));
        }
        LookupResult result = entry.result();
        LookupResult aged = new LookupResult(age(result.answers(), elapsed), age(result.authority(), elapsed),
                age(result.additional(), elapsed));
        Message negative = entry.negative();
        if (negative != null) {
            Message.Builder answer = Message.builder().id(negative.id()).response(true).rcode(negative.rcode())
                    .query(query);
            aged.authority().forEach(answer::authority);
            return Deferred.fail(new AuthoritativeDomainError(answer.build()));
        }
        return Deferred.succeed(aged);
    }

    private boolean fresh(Query query) {
        Cached entry = entries.get(key(query));
        return entry != null && clock.seconds() - entry.stored() < entry.lifetime();
    }

    private static List<ResourceRecord> age(List<ResourceRecord> records, long elapsed) {
        List<ResourceRecord> aged = new ArrayList<>(records.size());
        for (ResourceRecord record : records) {
            aged.add(new ResourceRecord(record.name(), record.dnsClass(), Math.max(0, record.ttl() - elapsed),
                    record.data()));
        }
        return aged;
    }

    private static Query key(Query query) {
        return new Query(query.name().toLowerCase(), query.type(), query.dnsClass());
    }
}
