package org.twisted4j.names.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.CnameRecord;
import org.twisted4j.names.Name;
import org.twisted4j.names.NsRecord;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;

class AuthorityTest {

    static final String ZONE = """
            $ORIGIN example.com.
            $TTL 3600
            @       IN SOA ns1 hostmaster 2024010101 7200 900 1209600 300
                    NS ns1
                    MX 10 mail
            ns1     A 192.0.2.1
            mail    A 192.0.2.2
                    AAAA 2001:db8::2
            www     A 192.0.2.3
            alias   CNAME www
            chain   CNAME alias
            loop1   CNAME loop2
            loop2   CNAME loop1
            out     CNAME www.example.org.
            *.wild  A 192.0.2.4
                    TXT "wildcard"
            exists.wild A 192.0.2.5
            a.b.c   A 192.0.2.6
            _sip._tcp SRV 0 5 5060 mail
            sub     NS ns.sub
                    DS 12345 8 2 AABB
            ns.sub  A 192.0.2.7
            old     DNAME new
            a.new   A 192.0.2.8
            away    DNAME example.org.
            l       DNAME a-much-longer-target-name-for-the-test.example.org.
            """;

    private final Authority authority = new Authority(Zone.fromRecords("test.zone",
            new ZoneFileParser().parse(ZONE, "test.zone", "."), null));

    private Answer lookup(String name, int type) {
        return authority.lookup(Name.of(name), type, false);
    }

    private static List<String> text(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::toText).toList();
    }

    @Test
    void dataIsAnsweredAuthoritativelyWithAddressesOfTargets() {
        Answer answer = lookup("example.com", RecordType.MX);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.authoritative()).isTrue();
        assertThat(text(answer.answers())).containsExactly("example.com. 3600 IN MX 10 mail.example.com.");
        assertThat(text(answer.additional())).containsExactly("mail.example.com. 3600 IN A 192.0.2.2",
                "mail.example.com. 3600 IN AAAA 2001:db8::2");
        assertThat(text(lookup("_sip._tcp.example.com", RecordType.SRV).additional())).hasSize(2);
        assertThat(text(lookup("example.com", RecordType.NS).additional()))
                .containsExactly("ns1.example.com. 3600 IN A 192.0.2.1");
    }

    @Test
    void missingNameIsNxdomainWithTheSoaAtItsNegativeTtl() {
        Answer answer = lookup("nothing.example.com", RecordType.A);
        assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.authoritative()).isTrue();
        assertThat(answer.answers()).isEmpty();
        assertThat(text(answer.authority())).containsExactly(
                "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300");
    }

    @Test
    void missingTypeAndEmptyNonTerminalsAreNodata() {
        for (String name : List.of("www.example.com", "b.c.example.com", "c.example.com")) {
            Answer answer = lookup(name, RecordType.AAAA);
            assertThat(answer.rcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(answer.answers()).as(name).isEmpty();
            assertThat(answer.authority()).as(name).extracting(ResourceRecord::type).containsExactly(RecordType.SOA);
            assertThat(answer.authority().get(0).ttl()).isEqualTo(300);
        }
    }

    @Test
    void cnameChainsAreFollowedInsideTheZone() {
        assertThat(text(lookup("chain.example.com", RecordType.A).answers())).containsExactly(
                "chain.example.com. 3600 IN CNAME alias.example.com.",
                "alias.example.com. 3600 IN CNAME www.example.com.",
                "www.example.com. 3600 IN A 192.0.2.3");
        assertThat(text(lookup("alias.example.com", RecordType.CNAME).answers()))
                .containsExactly("alias.example.com. 3600 IN CNAME www.example.com.");
        assertThat(text(lookup("out.example.com", RecordType.A).answers()))
                .containsExactly("out.example.com. 3600 IN CNAME www.example.org.");
        Answer loop = lookup("loop1.example.com", RecordType.A);
        assertThat(loop.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(loop.answers()).hasSize(2);
    }

    @Test
    void wildcardsAnswerForMissingNamesBelowTheirClosestEncloser() {
        Answer answer = lookup("anything.wild.example.com", RecordType.A);
        assertThat(answer.authoritative()).isTrue();
        assertThat(text(answer.answers())).containsExactly("anything.wild.example.com. 3600 IN A 192.0.2.4");
        assertThat(text(lookup("x.y.wild.example.com", RecordType.TXT).answers()))
                .containsExactly("x.y.wild.example.com. 3600 IN TXT \"wildcard\"");
        assertThat(text(lookup("exists.wild.example.com", RecordType.A).answers()))
                .containsExactly("exists.wild.example.com. 3600 IN A 192.0.2.5");
        Answer existingButNoData = lookup("exists.wild.example.com", RecordType.TXT);
        assertThat(existingButNoData.answers()).isEmpty();
        assertThat(existingButNoData.rcode()).isEqualTo(Rcode.NOERROR);
        Answer wildcardNodata = lookup("other.wild.example.com", RecordType.MX);
        assertThat(wildcardNodata.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(wildcardNodata.answers()).isEmpty();
        assertThat(lookup("x.exists.wild.example.com", RecordType.A).rcode())
                .as("the closest encloser is exists.wild, which has no wildcard").isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void namesBelowADelegationGetAReferralWithGlue() {
        for (String name : List.of("sub.example.com", "host.sub.example.com", "ns.sub.example.com")) {
            Answer answer = lookup(name, RecordType.A);
            assertThat(answer.rcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(answer.authoritative()).as(name).isFalse();
            assertThat(answer.answers()).as(name).isEmpty();
            assertThat(text(answer.authority())).containsExactly("sub.example.com. 3600 IN NS ns.sub.example.com.");
            assertThat(text(answer.additional())).containsExactly("ns.sub.example.com. 3600 IN A 192.0.2.7");
        }
        Answer ds = lookup("sub.example.com", RecordType.DS);
        assertThat(ds.authoritative()).isTrue();
        assertThat(ds.answers()).extracting(ResourceRecord::type).containsExactly(RecordType.DS);
    }

    @Test
    void namesBelowADnameAreSubstituted() {
        Answer answer = lookup("a.old.example.com", RecordType.A);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(text(answer.answers())).containsExactly("old.example.com. 3600 IN DNAME new.example.com.",
                "a.old.example.com. 3600 IN CNAME a.new.example.com.", "a.new.example.com. 3600 IN A 192.0.2.8");
        assertThat(text(lookup("x.y.away.example.com", RecordType.A).answers())).containsExactly(
                "away.example.com. 3600 IN DNAME example.org.", "x.y.away.example.com. 3600 IN CNAME x.y.example.org.");
        assertThat(text(lookup("old.example.com", RecordType.DNAME).answers()))
                .containsExactly("old.example.com. 3600 IN DNAME new.example.com.");
        String longName = ("a".repeat(60) + ".").repeat(3) + "l.example.com";
        assertThat(lookup("x".repeat(50) + "." + longName, RecordType.A).rcode()).isEqualTo(Authority.YXDOMAIN);
    }

    @Test
    void anyGivesEveryRecordAtTheName() {
        assertThat(lookup("mail.example.com", RecordType.ANY).answers()).extracting(ResourceRecord::type)
                .containsExactly(RecordType.A, RecordType.AAAA);
    }

    @Test
    void zonesBuiltInJavaAnswerAlike() {
        Zone zone = Zone.builder("example.net")
                .soa(60, "ns.example.net", "admin.example.net", 1, 2, 3, 4, 5)
                .add("example.net", 60, new NsRecord(Name.of("ns.example.net")))
                .add("ns.example.net", 60, ARecord.of("192.0.2.9"))
                .add("www.example.net", 60, new CnameRecord(Name.of("ns.example.net")))
                .build();
        Answer answer = new Authority(zone).lookup(Name.of("WWW.Example.NET"), RecordType.A, false);
        assertThat(text(answer.answers())).containsExactly("www.example.net. 60 IN CNAME ns.example.net.",
                "ns.example.net. 60 IN A 192.0.2.9");
        assertThat(new Authority(zone).lookup(Name.of("none.example.net"), RecordType.A, false).authority())
                .extracting(ResourceRecord::ttl).containsExactly(5L);
    }

    @Test
    void zonesThatAreNotZonesAreRefused() {
        assertThatThrownBy(() -> Zone.builder("example.net").add("example.net", 1, ARecord.of("192.0.2.1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SOA");
        assertThatThrownBy(() -> Zone.builder("example.net").soa(1, "a", "b", 1, 2, 3, 4, 5)
                .add("www.example.org", 1, ARecord.of("192.0.2.1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the zone");
        assertThatThrownBy(() -> Zone.builder("example.net").soa(1, "a", "b", 1, 2, 3, 4, 5)
                .add("x.example.net", 1, ARecord.of("192.0.2.1"))
                .add("x.example.net", 1, new CnameRecord(Name.of("y.example.net"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNAME");
        assertThatThrownBy(() -> Zone.fromRecords("x.zone",
                new ZoneFileParser().parse("$TTL 1\na.example. A 1.2.3.4", "x.zone", "."), null))
                .isInstanceOf(ZoneFileError.class).hasMessage("x.zone:0: no SOA record");
        assertThatThrownBy(() -> authority.lookup(Name.of("example.org"), RecordType.A, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
