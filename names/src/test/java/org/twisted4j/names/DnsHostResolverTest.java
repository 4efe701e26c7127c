package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.names.HostsResolverTest.outcome;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.DNSLookupError;

class DnsHostResolverTest {
    private final Map<Query, LookupResult> answers = new HashMap<>();

    private static DnsNameError nxdomain() {
        return new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN)
                .query(Query.of("x.example", RecordType.A)).build());
    }

    private void answer(String name, int type, RecordData... data) {
        List<ResourceRecord> records = java.util.Arrays.stream(data)
                .map(d -> ResourceRecord.of(Name.of(name), 60, d)).toList();
        answers.put(Query.of(name, type), new LookupResult(records, List.of(), List.of()));
    }

    private static List<String> texts(Object outcome) {
        assertThat(outcome).isInstanceOf(List.class);
        return ((List<?>) outcome).stream().map(a -> ((InetAddress) a).getHostAddress()).toList();
    }

    @Test
    void bothFamiliesAreAskedAndIpv4ComesFirstUnlessIpv6IsPreferred() {
        answer("www.example", RecordType.A, ARecord.of("192.0.2.1"), ARecord.of("192.0.2.2"));
        answer("www.example", RecordType.AAAA, AaaaRecord.of("2001:db8::1"));
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        assertThat(texts(outcome(new DnsHostResolver(resolver, List.of(), 1, false).resolve("www.example"))))
                .containsExactly("192.0.2.1", "192.0.2.2", "2001:db8:0:0:0:0:0:1");
        assertThat(texts(outcome(new DnsHostResolver(resolver, List.of(), 1, true).resolve("www.example"))))
                .containsExactly("2001:db8:0:0:0:0:0:1", "192.0.2.1", "192.0.2.2");
    }

    @Test
    void oneFamilyFailingDoesNotHideTheOther() {
        answer("v6.example", RecordType.AAAA, AaaaRecord.of("2001:db8::6"));
        FixedResolver resolver = new FixedResolver(answers, new DnsQueryTimeoutError(Query.of("v6.example", 1)));
        assertThat(texts(outcome(DnsHostResolver.of(resolver).resolve("v6.example"))))
                .containsExactly("2001:db8:0:0:0:0:0:6");
    }

    @Test
    void cnamesAreFollowedInTheAnswerAndByAskingAgain() {
        answers.put(Query.of("alias.example", RecordType.A), new LookupResult(List.of(
                ResourceRecord.of(Name.of("alias.example"), 60, new CnameRecord(Name.of("www.example"))),
                ResourceRecord.of(Name.of("www.example"), 60, ARecord.of("192.0.2.1")),
                ResourceRecord.of(Name.of("unrelated.example"), 60, ARecord.of("192.0.2.99"))), List.of(), List.of()));
        answer("far.example", RecordType.A, new CnameRecord(Name.of("target.other")));
        answer("target.other", RecordType.A, ARecord.of("198.51.100.7"));
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        assertThat(texts(outcome(DnsHostResolver.of(resolver).resolve("alias.example")))).containsExactly("192.0.2.1");
        assertThat(texts(outcome(DnsHostResolver.of(resolver).resolve("far.example"))))
                .containsExactly("198.51.100.7");
    }

    @Test
    void aCnameLoopEndsWithALookupError() {
        answer("loop.example", RecordType.A, new CnameRecord(Name.of("loop.example")));
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        assertThat(outcome(DnsHostResolver.of(resolver).resolve("loop.example"))).isInstanceOf(DNSLookupError.class);
    }

    @Test
    void shortNamesTryTheSearchListFirstAndLongOnesThemselvesFirst() {
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        DnsHostResolver search = new DnsHostResolver(resolver, List.of(Name.of("corp.example"), Name.of("example")),
                2, false);
        assertThat(search.candidates("db")).containsExactly(Name.of("db.corp.example"), Name.of("db.example"),
                Name.of("db"));
        assertThat(search.candidates("a.b.c")).containsExactly(Name.of("a.b.c"), Name.of("a.b.c.corp.example"),
                Name.of("a.b.c.example"));
        assertThat(search.candidates("db.")).containsExactly(Name.of("db"));

        answer("db.example", RecordType.A, ARecord.of("192.0.2.5"));
        assertThat(texts(outcome(search.resolve("db")))).containsExactly("192.0.2.5");
        assertThat(resolver.asked).extracting(q -> q.name().toString())
                .containsExactly("db.corp.example.", "db.corp.example.", "db.example.", "db.example.");
    }

    @Test
    void noAddressAnywhereIsALookupErrorNamingTheHost() {
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        Object failed = outcome(new DnsHostResolver(resolver, List.of(Name.of("corp.example")), 1, false)
                .resolve("nothere"));
        assertThat(failed).isInstanceOfSatisfying(DNSLookupError.class,
                e -> assertThat(e.getMessage()).contains("nothere").contains("no such name"));
    }

    @Test
    void aNameThatIsNotANameFailsAsALookupError() {
        FixedResolver resolver = new FixedResolver(answers, nxdomain());
        assertThat(outcome(DnsHostResolver.of(resolver).resolve("a".repeat(64) + ".example")))
                .isInstanceOf(DNSLookupError.class);
    }
}
