package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.names.HostsResolverTest.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;

class ResolverChainTest {
    /** A resolver answering from a map, failing with the given error otherwise, and noting what it was asked. */
    private static final class Fixed implements Resolver {
        final Map<Query, LookupResult> answers;
        final Exception otherwise;
        final List<Query> asked = new ArrayList<>();

        Fixed(Map<Query, LookupResult> answers, Exception otherwise) {
            this.answers = answers;
            this.otherwise = otherwise;
        }

        @Override
        public Deferred<LookupResult> lookup(Query query) {
            asked.add(query);
            LookupResult result = answers.get(query);
            return result != null ? Deferred.succeed(result) : Deferred.fail(otherwise);
        }
    }

    private static final Query A = Query.of("a.example", RecordType.A);

    private static LookupResult a(String name, String address) {
        return new LookupResult(List.of(ResourceRecord.of(Name.of(name), 60, ARecord.of(address))), List.of(), List.of());
    }

    private static DnsNameError nxdomain() {
        return new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN).query(A).build());
    }

    @Test
    void theFirstAnswerWinsAndTheRestAreNotAsked() {
        Fixed first = new Fixed(Map.of(A, a("a.example", "192.0.2.1")), nxdomain());
        Fixed second = new Fixed(Map.of(A, a("a.example", "192.0.2.2")), nxdomain());
        LookupResult result = (LookupResult) outcome(new ResolverChain(List.of(first, second)).lookup(A));
        assertThat(result.answers()).extracting(ResourceRecord::data).containsExactly(ARecord.of("192.0.2.1"));
        assertThat(second.asked).isEmpty();
    }

    @Test
    void nameErrorsTimeoutsAndUnsupportedTypesPassToTheNext() {
        Fixed notFound = new Fixed(Map.of(), nxdomain());
        Fixed timeout = new Fixed(Map.of(), new DnsQueryTimeoutError(A));
        Fixed unsupported = new Fixed(Map.of(), new UnsupportedOperationException("no"));
        Fixed last = new Fixed(Map.of(A, a("a.example", "192.0.2.9")), nxdomain());
        Object result = outcome(new ResolverChain(List.of(notFound, timeout, unsupported, last)).lookup(A));
        assertThat(((LookupResult) result).answers()).extracting(ResourceRecord::data)
                .containsExactly(ARecord.of("192.0.2.9"));
        assertThat(List.of(notFound.asked, timeout.asked, unsupported.asked, last.asked)).allMatch(q -> q.equals(List.of(A)));
    }

    @Test
    void theLastFailureIsTheChains() {
        Fixed first = new Fixed(Map.of(), new UnsupportedOperationException("no"));
        Fixed second = new Fixed(Map.of(), nxdomain());
        assertThat(outcome(new ResolverChain(List.of(first, second)).lookup(A))).isInstanceOf(DnsNameError.class);
        assertThat(outcome(new ResolverChain(List.of()).lookup(A))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void anAuthoritativeNoEndsTheChain() {
        Fixed first = new Fixed(Map.of(), new AuthoritativeDomainError(nxdomain().response()));
        Fixed second = new Fixed(Map.of(A, a("a.example", "192.0.2.2")), nxdomain());
        assertThat(outcome(new ResolverChain(List.of(first, second)).lookup(A)))
                .isInstanceOf(AuthoritativeDomainError.class);
        assertThat(second.asked).isEmpty();
    }

    @Test
    void getHostByNameFollowsCnamesInTheAnswerAndByAskingAgain() {
        Query www = Query.of("www.example", RecordType.A);
        Query target = Query.of("target.example", RecordType.A);
        Query far = Query.of("far.example", RecordType.A);
        LookupResult inAnswer = new LookupResult(List.of(
                ResourceRecord.of(Name.of("www.example"), 60, new CnameRecord(Name.of("target.example"))),
                ResourceRecord.of(Name.of("target.example"), 60, ARecord.of("192.0.2.5"))), List.of(), List.of());
        LookupResult dangling = new LookupResult(List.of(
                ResourceRecord.of(Name.of("target.example"), 60, new CnameRecord(Name.of("far.example")))),
                List.of(), List.of());
        Resolver resolver = new Fixed(Map.of(www, inAnswer, target, dangling, far, a("far.example", "192.0.2.6")),
                nxdomain());
        assertThat(outcome(resolver.getHostByName("www.example"))).isEqualTo("192.0.2.5");
        assertThat(outcome(resolver.getHostByName("target.example"))).isEqualTo("192.0.2.6");
        assertThat(outcome(resolver.getHostByName("nowhere.example"))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void getHostByNameGivesUpOnCnameLoops() {
        Query loop = Query.of("loop.example", RecordType.A);
        LookupResult self = new LookupResult(List.of(ResourceRecord.of(Name.of("loop.example"), 60,
                new CnameRecord(Name.of("loop2.example")))), List.of(), List.of());
        LookupResult back = new LookupResult(List.of(ResourceRecord.of(Name.of("loop2.example"), 60,
                new CnameRecord(Name.of("loop.example")))), List.of(), List.of());
        Fixed resolver = new Fixed(Map.of(loop, self, Query.of("loop2.example", RecordType.A), back), nxdomain());
        assertThat(outcome(resolver.getHostByName("loop.example"))).isInstanceOf(DNSLookupError.class);
        assertThat(resolver.asked).hasSize(Resolver.CNAME_EFFORT + 1);
    }
}
