package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.names.Message;
import org.twisted4j.names.Query;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.server.ResponseRateLimiter.Decision;
import org.twisted4j.testing.FakeDatagramPort;
import org.twisted4j.testing.MemoryReactor;

class ResponseRateLimiterTest {
    private static final Address VICTIM = new IPv4Address(AddressType.UDP, "198.51.100.7", 53);
    private static final Address VICTIM_NEIGHBOUR = new IPv4Address(AddressType.UDP, "198.51.100.200", 1053);
    private static final Address OTHER = new IPv4Address(AddressType.UDP, "203.0.113.7", 53);

    private final Clock clock = new Clock();

    private static byte[] response(String name, int type) {
        return Message.builder().id(7).response(true).query(Query.of(name, type)).build().toBytes();
    }

    private static List<Decision> decide(ResponseRateLimiter limiter, int count, byte[] response, Address to) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(limiter.decide(response, to));
        }
        return out;
    }

    @Test
    void overTheRateEverySecondResponseSlipsAndTheOthersDrop() {
        ResponseRateLimiter limiter = new ResponseRateLimiter(clock, 5, 2);
        List<Decision> decisions = decide(limiter, 9, response("www.example.com", RecordType.A), VICTIM);
        assertThat(decisions).containsExactly(Decision.SEND, Decision.SEND, Decision.SEND, Decision.SEND,
                Decision.SEND, Decision.DROP, Decision.SLIP, Decision.DROP, Decision.SLIP);
    }

    @Test
    void tokensComeBackWithTimeAtTheRate() {
        ResponseRateLimiter limiter = new ResponseRateLimiter(clock, 10, 0);
        byte[] answer = response("www.example.com", RecordType.A);
        assertThat(decide(limiter, 11, answer, VICTIM)).endsWith(Decision.DROP).filteredOn(d -> d == Decision.SEND)
                .hasSize(10);
        clock.advance(0.25);
        assertThat(decide(limiter, 3, answer, VICTIM)).containsExactly(Decision.SEND, Decision.SEND, Decision.DROP);
        clock.advance(60);
        assertThat(decide(limiter, 11, answer, VICTIM)).filteredOn(d -> d == Decision.SEND).hasSize(10);
    }

    @Test
    void theBucketIsTheClientsNetworkAndTheQuestionWhateverItsCase() {
        ResponseRateLimiter limiter = new ResponseRateLimiter(clock, 2, 0);
        assertThat(decide(limiter, 2, response("www.example.com", RecordType.A), VICTIM)).containsOnly(Decision.SEND);
        assertThat(limiter.decide(response("WWW.Example.COM", RecordType.A), VICTIM_NEIGHBOUR)).isEqualTo(Decision.DROP);
        assertThat(limiter.decide(response("www.example.com", RecordType.AAAA), VICTIM)).isEqualTo(Decision.SEND);
        assertThat(limiter.decide(response("mail.example.com", RecordType.A), VICTIM)).isEqualTo(Decision.SEND);
        assertThat(limiter.decide(response("www.example.com", RecordType.A), OTHER)).isEqualTo(Decision.SEND);
        Address v6 = new IPv6Address(AddressType.UDP, "2001:db8:0:ff00::1", 53);
        Address v6SameSlash56 = new IPv6Address(AddressType.UDP, "2001:db8:0:ff12::2", 53);
        assertThat(decide(limiter, 2, response("www.example.com", RecordType.A), v6)).containsOnly(Decision.SEND);
        assertThat(limiter.decide(response("www.example.com", RecordType.A), v6SameSlash56)).isEqualTo(Decision.DROP);
    }

    @Test
    void aSlippedResponseIsTheHeaderWithTcAndTheQuestionOnly() {
        byte[] full = Message.builder().id(7).response(true).authoritative(true).query(Query.of("www.example.com", 1))
                .answer(org.twisted4j.names.ResourceRecord.of(org.twisted4j.names.Name.of("www.example.com"), 60,
                        org.twisted4j.names.ARecord.of("192.0.2.1"))).build().toBytes();
        Message slipped = Message.parse(ResponseRateLimiter.truncated(full));
        assertThat(slipped.id()).isEqualTo(7);
        assertThat(slipped.truncated()).isTrue();
        assertThat(slipped.authoritative()).isTrue();
        assertThat(slipped.queries()).containsExactly(Query.of("www.example.com", 1));
        assertThat(slipped.answers()).isEmpty();
    }

    @Test
    void responsesWithoutOneQuestionAreNotCountedAndBadSettingsAreRefused() {
        ResponseRateLimiter limiter = new ResponseRateLimiter(clock, 1, 2);
        byte[] noQuestion = Message.builder().id(7).response(true).build().toBytes();
        assertThat(decide(limiter, 5, noQuestion, VICTIM)).containsOnly(Decision.SEND);
        assertThat(limiter.size()).isZero();
        assertThatThrownBy(() -> new ResponseRateLimiter(clock, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponseRateLimiter(clock, 5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServerDropsAndSlipsOverUdpOnly() {
        MemoryReactor reactor = new MemoryReactor();
        DNSServerFactory server = new DNSServerFactory(List.of(new Authority(DNSServerFactoryTest.zone())))
                .setRateLimiter(new ResponseRateLimiter(reactor, 3, 2));
        var protocol = server.datagramProtocol();
        FakeDatagramPort port = reactor.listenUDP(53, protocol, "", 8192);
        byte[] query = Message.builder().id(1).query(Query.of("www.example.com", RecordType.A)).build().toBytes();
        for (int i = 0; i < 7; i++) {
            protocol.datagramReceived(ByteBuffer.wrap(query), VICTIM);
        }
        List<Message> sent = port.written().stream().map(d -> Message.parse(d.data())).toList();
        assertThat(sent).extracting(Message::truncated).containsExactly(false, false, false, true, true);
        assertThat(server.handle(query, VICTIM, true)).singleElement()
                .satisfies(tcp -> assertThat(Message.parse(tcp).answers()).hasSize(1));
    }
}
