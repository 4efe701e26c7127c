package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.Opcode;
import org.twisted4j.names.Query;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.authority.SecondaryAuthority;

class DNSServerSecondaryTest {

    private static final Name DOMAIN = Name.of("example.test");
    private static final Address PRIMARY = new IPv4Address(AddressType.UDP, "192.0.2.53", 53);
    private static final Address STRANGER = new IPv4Address(AddressType.UDP, "192.0.2.99", 53);

    private final Deque<Deferred<SoaRecord>> soas = new ArrayDeque<>();
    private final Deque<Deferred<List<ResourceRecord>>> transfers = new ArrayDeque<>();
    private final Clock clock = new Clock();
    private final SecondaryAuthority secondary = new SecondaryAuthority(clock, DOMAIN,
            new SecondaryAuthority.Primary() {
                @Override
                public Deferred<SoaRecord> soa(Name zone) {
                    Deferred<SoaRecord> d = new Deferred<>();
                    soas.add(d);
                    return d;
                }

                @Override
                public Deferred<List<ResourceRecord>> transfer(Name zone) {
                    Deferred<List<ResourceRecord>> d = new Deferred<>();
                    transfers.add(d);
                    return d;
                }
            });
    private final DNSServerFactory server = new DNSServerFactory(List.of()).addSecondary(secondary, "192.0.2.53");

    private static SoaRecord soa(long serial) {
        return new SoaRecord(Name.of("ns.example.test"), Name.of("admin.example.test"), serial, 100, 10, 1000, 60);
    }

    private void transferred(long serial, String address) {
        ResourceRecord soa = ResourceRecord.of(DOMAIN, 3600, soa(serial));
        transfers.remove().callback(List.of(soa,
                ResourceRecord.of(Name.of("www.example.test"), 3600, ARecord.of(address)), soa));
    }

    private Message ask(Message query, Address from) {
        List<byte[]> responses = server.handle(query.toBytes(), from, false);
        assertThat(responses).hasSize(1);
        return Message.parse(responses.get(0));
    }

    private Message askWww() {
        return ask(Message.builder().id(7).query(Query.of("www.example.test", RecordType.A)).build(), STRANGER);
    }

    private static Message notify(String zone) {
        return Message.builder().id(9).opcode(Opcode.NOTIFY).authoritative(true)
                .query(Query.of(zone, RecordType.SOA)).build();
    }

    @Test
    void beforeTheFirstTransferQueriesFailWithServfail() {
        secondary.start();
        assertThat(askWww().rcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void theTransferredCopyIsServedAuthoritatively() {
        secondary.start();
        soas.remove().callback(soa(1));
        transferred(1, "192.0.2.1");
        Message response = askWww();
        assertThat(response.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.authoritative()).isTrue();
        assertThat(response.answers()).extracting(ResourceRecord::toText)
                .containsExactly("www.example.test. 3600 IN A 192.0.2.1");
    }

    @Test
    void notifyFromThePrimaryIsAnsweredAndUpdatesTheCopy() {
        secondary.start();
        soas.remove().callback(soa(1));
        transferred(1, "192.0.2.1");
        Message response = ask(notify("example.test"), PRIMARY);
        assertThat(response.response()).isTrue();
        assertThat(response.opcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(response.id()).isEqualTo(9);
        assertThat(response.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.queries()).containsExactly(Query.of("example.test", RecordType.SOA));
        soas.remove().callback(soa(2));
        transferred(2, "192.0.2.2");
        assertThat(askWww().answers()).extracting(ResourceRecord::toText)
                .containsExactly("www.example.test. 3600 IN A 192.0.2.2");
    }

    @Test
    void notifyFromAnotherAddressIsRefusedAndIgnored() {
        secondary.start();
        soas.remove().callback(soa(1));
        transferred(1, "192.0.2.1");
        assertThat(ask(notify("example.test"), STRANGER).rcode()).isEqualTo(Rcode.REFUSED);
        assertThat(soas).isEmpty();
    }

    @Test
    void notifyForAnotherZoneIsNotAuth() {
        secondary.start();
        assertThat(ask(notify("other.test"), PRIMARY).rcode()).isEqualTo(DNSServerFactory.NOTAUTH);
    }

    @Test
    void anExpiredCopyIsNoLongerServed() {
        secondary.start();
        soas.remove().callback(soa(1));
        transferred(1, "192.0.2.1");
        for (int i = 0; i < 200 && secondary.authority() != null; i++) {
            clock.advance(10);
            while (!soas.isEmpty()) {
                soas.remove().errback(new RuntimeException("primary down"));
            }
        }
        assertThat(clock.seconds()).isEqualTo(1000);
        assertThat(askWww().rcode()).isEqualTo(Rcode.SERVFAIL);
    }
}
