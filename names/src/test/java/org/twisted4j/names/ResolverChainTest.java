package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.names.HostsResolverTest.outcome;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;

class ResolverChainTest {
    private static final Query A = Query.of("a.example", RecordType.A);

    private static LookupResult a(String name, String address) {
        return new LookupResult(List.of(ResourceRecord.of(Name.of(name), 60, ARecord.of(address))), List.of(), List.of());
    }

    private static DnsNameError nxdomain() {
        return new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN).query(A).build());
    }

    @Test
    void theFirstAnswerWinsAndTheRestAreNotAsked() {
        FixedResolver first = new FixedResolver(Map.of(A, a("a.example", "192.0.2.1")), nxdomain());
        FixedResolver second = new FixedResolver(Map.of(A, a("a.example", "192.0.2.2")), nxdomain());
        LookupResult result = (LookupResult) outcome(new ResolverChain(List.of(first, second)).lookup(A));
        assertThat(result.answers()).extracting(ResourceRecord::data).containsExactly(ARecord.of("192.0.2.1"));
        assertThat(second.asked).isEmpty();
    }

    @Test
    void nameErrorsTimeoutsAndUnsupportedTypesPassToTheNext() {
        FixedResolver notFound = new FixedResolver(Map.of(), nxdomain());
        FixedResolver timeout = new FixedResolver(Map.of(), new DnsQueryTimeoutError(A));
        FixedResolver unsupported = new FixedResolver(Map.of(), new UnsupportedOperationException("no"));
        FixedResolver last = new FixedResolver(Map.of(A, a("a.example", "192.0.2.9")), nxdomain());
        Object result = outcome(new ResolverChain(List.of(notFound, timeout, unsupported, last)).lookup(A));
        assertThat(((LookupResult) result).answers()).extracting(ResourceRecord::data)
                .containsExactly(ARecord.of("192.0.2.9"));
        assertThat(List.of(notFound.asked, timeout.asked, unsupported.asked, last.asked)).allMatch(q -> q.equals(List.of(A)));
    }

    @Test
    void theLastFailureIsTheChains() {
        FixedResolver first = new FixedResolver(Map.of(), new UnsupportedOperationException("no"));
        FixedResolver second = new FixedResolver(Map.of(), nxdomain());
        assertThat(outcome(new ResolverChain(List.of(first, second)).lookup(A))).isInstanceOf(DnsNameError.class);
        assertThat(outcome(new ResolverChain(List.of()).lookup(A))).isInstanceOf(DnsNameError.class);
    }

    @Test
    void anAuthoritativeNoEndsTheChain() {
        FixedResolver first = new FixedResolver(Map.of(), new AuthoritativeDomainError(nxdomain().response()));
        FixedResolver second = new FixedResolver(Map.of(A, a("a.example", "192.0.2.2")), nxdomain());
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
        Resolver resolver = new FixedResolver(Map.of(www, inAnswer, target, dangling, far, a("far.example", "192.0.2.6")),
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
        FixedResolver resolver = new FixedResolver(Map.of(loop, self, Query.of("loop2.example", RecordType.A), back), nxdomain());
        assertThat(outcome(resolver.getHostByName("loop.example"))).isInstanceOf(DNSLookupError.class);
        assertThat(resolver.asked).hasSize(Resolver.CNAME_EFFORT + 1);
    }
}
