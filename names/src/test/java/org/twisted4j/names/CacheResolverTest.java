package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.names.HostsResolverTest.outcome;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.testing.MemoryReactor;

class CacheResolverTest {
    private final MemoryReactor clock = new MemoryReactor();
    private final CacheResolver cache = new CacheResolver(clock);
    private static final Query QUESTION = Query.of("www.example.com", RecordType.A);
    private static final ResourceRecord SOA = ResourceRecord.of(Name.of("example.com"), 3600,
            new SoaRecord(Name.of("ns.example.com"), Name.of("admin.example.com"), 1, 7200, 900, 86400, 300));

    private static LookupResult answer(long... ttls) {
        List<ResourceRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < ttls.length; i++) {
            records.add(ResourceRecord.of(Name.of("www.example.com"), ttls[i], ARecord.of("192.0.2." + (i + 1))));
        }
        return new LookupResult(records, List.of(), List.of());
    }

    @Test
    void aQuestionNotCachedPassesOn() {
        assertThat(outcome(cache.lookup(QUESTION))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void ttlsCountDownOnTheClockAndTheEntryGoesWithTheSmallest() {
        cache.cacheResult(QUESTION, answer(100, 60));
        clock.advance(25.5);
        LookupResult aged = (LookupResult) outcome(cache.lookup(Query.of("WWW.Example.com", RecordType.A)));
        assertThat(aged.answers()).extracting(ResourceRecord::ttl).containsExactly(75L, 35L);
        clock.advance(34);
        assertThat(((LookupResult) outcome(cache.lookup(QUESTION))).answers()).extracting(ResourceRecord::ttl)
                .containsExactly(41L, 1L);
        clock.advance(0.5);
        assertThat(outcome(cache.lookup(QUESTION))).isInstanceOf(DnsNameError.class);
        assertThat(cache.size()).isZero();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void anAnswerStoredAgainWhileFreshDoesNotLiveLonger() {
        cache.cacheResult(QUESTION, answer(10));
        for (int i = 0; i < 19; i++) {
            clock.advance(0.5);
            cache.cacheResult(QUESTION, (LookupResult) outcome(cache.lookup(QUESTION)));
        }
        assertThat(((LookupResult) outcome(cache.lookup(QUESTION))).answers()).extracting(ResourceRecord::ttl)
                .containsExactly(1L);
        clock.advance(0.5);
        assertThat(outcome(cache.lookup(QUESTION))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void aZeroTtlIsNotCached() {
        cache.cacheResult(QUESTION, answer(0, 60));
        assertThat(cache.size()).isZero();
    }

    @Test
    void nxdomainIsCachedForTheSoaMinimum() {
        Message nxdomain = Message.builder().response(true).rcode(Rcode.NXDOMAIN).query(QUESTION).authority(SOA).build();
        cache.cacheNegative(QUESTION, nxdomain);
        clock.advance(299);
        Object cached = outcome(cache.lookup(QUESTION));
        assertThat(cached).isInstanceOf(AuthoritativeDomainError.class);
        Message response = ((AuthoritativeDomainError) cached).response();
        assertThat(response.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.authority()).extracting(ResourceRecord::ttl).containsExactly(3600L - 299);
        clock.advance(1);
        assertThat(outcome(cache.lookup(QUESTION))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void negativeTtlIsTheSoaTtlWhenSmallerThanItsMinimum() {
        ResourceRecord shortSoa = new ResourceRecord(SOA.name(), SOA.dnsClass(), 30, SOA.data());
        cache.cacheResult(QUESTION, new LookupResult(List.of(), List.of(shortSoa), List.of()));
        clock.advance(29);
        Object nodata = outcome(cache.lookup(QUESTION));
        assertThat(nodata).isInstanceOf(AuthoritativeDomainError.class);
        assertThat(((AuthoritativeDomainError) nodata).response().rcode()).isEqualTo(Rcode.NOERROR);
        clock.advance(1);
        assertThat(outcome(cache.lookup(QUESTION))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void aNegativeAnswerWithoutSoaIsNotCached() {
        cache.cacheNegative(QUESTION, Message.builder().response(true).rcode(Rcode.NXDOMAIN).query(QUESTION).build());
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedGoesBeyondTheLimit() {
        cache.setMaxEntries(2);
        Query a = Query.of("a.example", RecordType.A);
        Query b = Query.of("b.example", RecordType.A);
        Query c = Query.of("c.example", RecordType.A);
        cache.cacheResult(a, answer(60));
        cache.cacheResult(b, answer(60));
        outcome(cache.lookup(a));
        cache.cacheResult(c, answer(60));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(outcome(cache.lookup(a))).isInstanceOf(LookupResult.class);
        assertThat(outcome(cache.lookup(b))).isInstanceOf(DnsNameError.class);
        assertThat(outcome(cache.lookup(c))).isInstanceOf(LookupResult.class);
    }
}
