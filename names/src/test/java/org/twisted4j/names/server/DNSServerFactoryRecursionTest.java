package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.CacheResolver;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.Query;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.testing.FakeDatagramPort;
import org.twisted4j.testing.MemoryReactor;

/** The server's recursive path: zones first, then the cache, then the upstream client, on a MemoryReactor. */
class DNSServerFactoryRecursionTest {
    private static final Address UPSTREAM = new IPv4Address(AddressType.UDP, "192.0.2.53", 53);
    private static final ResourceRecord SOA = ResourceRecord.of(Name.of("other.test"), 3600,
            new SoaRecord(Name.of("ns.other.test"), Name.of("admin.other.test"), 1, 7200, 900, 86400, 60));

    private final MemoryReactor reactor = new MemoryReactor();
    private final DnsClient client = new DnsClient(reactor, reactor, reactor, List.of(UPSTREAM),
            DnsClient.DEFAULT_TIMEOUTS);
    private final DNSServerFactory server = new DNSServerFactory(
            List.of(new Authority(DNSServerFactoryTest.zone())), new CacheResolver(reactor), List.of(client));

    private AtomicReference<Message> ask(String name, int id) {
        AtomicReference<Message> seen = new AtomicReference<>();
        byte[] query = Message.builder().id(id).recursionDesired(true).query(Query.of(name, RecordType.A)).build()
                .toBytes();
        server.respond(query, DNSServerFactoryTest.CLIENT, false).addCallback(responses -> {
            seen.set(Message.parse(responses.get(0)));
            return null;
        });
        return seen;
    }

    /** Answers the query the client sent on its {@code index}th port. */
    private void upstreamAnswers(int index, int rcode, List<ResourceRecord> answers, List<ResourceRecord> authority) {
        FakeDatagramPort port = reactor.udpServers().get(index).datagramPort();
        Message sent = Message.parse(port.written().get(0).data());
        Message.Builder reply = sent.toBuilder().response(true).recursionAvailable(true).rcode(rcode);
        answers.forEach(reply::answer);
        authority.forEach(reply::authority);
        reactor.udpServers().get(index).protocol().datagramReceived(ByteBuffer.wrap(reply.build().toBytes()), UPSTREAM);
    }

    @Test
    void otherNamesAreAskedUpstreamAndThenAnsweredFromTheCacheWithLowerTtls() {
        AtomicReference<Message> first = ask("www.other.test", 11);
        assertThat(first.get()).as("waits on the upstream server").isNull();
        upstreamAnswers(0, Rcode.NOERROR,
                List.of(ResourceRecord.of(Name.of("www.other.test"), 300, ARecord.of("198.51.100.7"))), List.of());
        Message answer = first.get();
        assertThat(answer.id()).isEqualTo(11);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.recursionAvailable()).isTrue();
        assertThat(answer.authoritative()).isFalse();
        assertThat(answer.answers()).extracting(ResourceRecord::ttl).containsExactly(300L);

        reactor.advance(120);
        Message cached = ask("WWW.other.test", 12).get();
        assertThat(reactor.udpServers()).as("no second upstream query").hasSize(1);
        assertThat(cached.id()).isEqualTo(12);
        assertThat(cached.answers()).extracting(ResourceRecord::data).containsExactly(ARecord.of("198.51.100.7"));
        assertThat(cached.answers()).extracting(ResourceRecord::ttl).containsExactly(180L);

        reactor.advance(180);
        assertThat(ask("www.other.test", 13).get()).as("expired: asked upstream again").isNull();
        assertThat(reactor.udpServers()).hasSize(2);
    }

    @Test
    void nxdomainIsPassedOnWithItsSoaAndCachedForTheSoaMinimum() {
        AtomicReference<Message> first = ask("missing.other.test", 21);
        upstreamAnswers(0, Rcode.NXDOMAIN, List.of(), List.of(SOA));
        assertThat(first.get().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(first.get().authority()).containsExactly(SOA);

        reactor.advance(59);
        Message cached = ask("missing.other.test", 22).get();
        assertThat(cached.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(cached.authority()).extracting(ResourceRecord::ttl).containsExactly(3600L - 59);
        assertThat(reactor.udpServers()).hasSize(1);

        reactor.advance(1);
        assertThat(ask("missing.other.test", 23).get()).isNull();
        assertThat(reactor.udpServers()).hasSize(2);
    }

    @Test
    void anUpstreamFailureIsServfailAndNotCached() {
        AtomicReference<Message> first = ask("broken.other.test", 31);
        upstreamAnswers(0, Rcode.SERVFAIL, List.of(), List.of());
        assertThat(first.get().rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(ask("broken.other.test", 32).get()).isNull();
    }

    @Test
    void theZonesStillAnswerFirstAuthoritatively() {
        Message answer = ask("www.example.com", 41).get();
        assertThat(answer.authoritative()).isTrue();
        assertThat(answer.recursionAvailable()).isTrue();
        assertThat(answer.answers()).extracting(ResourceRecord::data).containsExactly(ARecord.of("192.0.2.3"));
        assertThat(reactor.udpServers()).isEmpty();
    }

    @Test
    void withoutResolversOtherNamesAreRefusedAndRecursionIsNotOffered() {
        DNSServerFactory authoritative = new DNSServerFactory(List.of(new Authority(DNSServerFactoryTest.zone())));
        byte[] query = Message.builder().id(5).recursionDesired(true).query(Query.of("www.other.test", RecordType.A))
                .build().toBytes();
        Message answer = Message.parse(authoritative.handle(query, DNSServerFactoryTest.CLIENT, false).get(0));
        assertThat(answer.rcode()).isEqualTo(Rcode.REFUSED);
        assertThat(answer.recursionAvailable()).isFalse();
        assertThat(authoritative.canRecurse()).isFalse();
    }
}
