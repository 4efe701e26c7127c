package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.FakeDatagramPort;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class DnsClientTest {
    private static final Address FIRST = new IPv4Address(AddressType.UDP, "192.0.2.1", 53);
    private static final Address SECOND = new IPv4Address(AddressType.UDP, "192.0.2.2", 53);

    private final MemoryReactor reactor = new MemoryReactor();
    private final DnsClient client = new DnsClient(reactor, reactor, reactor, List.of(FIRST, SECOND),
            DnsClient.DEFAULT_TIMEOUTS);

    private static <T> AtomicReference<Object> outcome(Deferred<T> deferred) {
        AtomicReference<Object> seen = new AtomicReference<>();
        deferred.addCallbacks(value -> {
            seen.set(value);
            return null;
        }, (Failure failure) -> {
            seen.set(failure.value());
            return null;
        });
        return seen;
    }

    private FakeDatagramPort port(int index) {
        return reactor.udpServers().get(index).datagramPort();
    }

    private Message sent(int index) {
        List<FakeDatagramPort.Datagram> written = port(index).written();
        assertThat(written).hasSize(1);
        return Message.parse(written.get(0).data());
    }

    private void deliver(int index, Message response, Address from) {
        reactor.udpServers().get(index).protocol().datagramReceived(ByteBuffer.wrap(response.toBytes()), from);
    }

    private static Message answer(Message query, int rcode, RecordData... data) {
        Message.Builder builder = query.toBuilder().response(true).recursionAvailable(true).rcode(rcode);
        for (RecordData d : data) {
            builder.answer(ResourceRecord.of(query.queries().get(0).name(), 300, d));
        }
        return builder.build();
    }

    @Test
    void aQueryGoesToTheFirstServerWithEdnsAndIsAnswered() {
        AtomicReference<Object> seen = outcome(client.lookupAddress("example.com"));
        Message query = sent(0);
        assertThat(port(0).written().get(0).to()).isEqualTo(FIRST);
        assertThat(reactor.udpServers().get(0).port()).isZero();
        assertThat(query.recursionDesired()).isTrue();
        assertThat(query.edns()).isEqualTo(Edns.defaults());
        assertThat(query.queries()).containsExactly(Query.of("example.com", RecordType.A));

        deliver(0, answer(query, Rcode.NOERROR, ARecord.of("192.0.2.80")), FIRST);
        assertThat(seen.get()).isInstanceOf(LookupResult.class);
        assertThat(((LookupResult) seen.get()).answers()).extracting(ResourceRecord::data)
                .containsExactly(ARecord.of("192.0.2.80"));
        assertThat(port(0).isListening()).isFalse();
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void answersWithAnotherIdOrFromAnotherHostOrQuestionAreDropped() {
        AtomicReference<Object> seen = outcome(client.lookupAddress("example.com"));
        Message query = sent(0);
        Message good = answer(query, Rcode.NOERROR, ARecord.of("192.0.2.80"));
        deliver(0, good.toBuilder().id((query.id() + 1) & 0xffff).build(), FIRST);
        deliver(0, good, SECOND);
        deliver(0, good, new IPv4Address(AddressType.UDP, "192.0.2.1", 5353));
        deliver(0, good.toBuilder().clearSections().query(Query.of("example.net", RecordType.A)).build(), FIRST);
        deliver(0, query, FIRST);
        reactor.udpServers().get(0).protocol().datagramReceived(ByteBuffer.wrap(new byte[] {1, 2, 3}), FIRST);
        assertThat(seen.get()).isNull();
        deliver(0, good, FIRST);
        assertThat(seen.get()).isInstanceOf(LookupResult.class);
    }

    @Test
    void idsAreRandom() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            client.lookupAddress("example.com");
            ids.add(sent(i).id());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void retransmissionFollowsTwistedsScheduleAcrossServers() {
        AtomicReference<Object> seen = outcome(client.lookupAddress("example.com"));
        int id = sent(0).id();
        double[] waits = {1, 1, 3, 3, 11, 11, 45};
        Address[] to = {SECOND, FIRST, SECOND, FIRST, SECOND, FIRST, SECOND};
        for (int i = 0; i < waits.length; i++) {
            reactor.advance(waits[i] - 0.001);
            assertThat(reactor.udpServers()).hasSize(i + 1);
            reactor.advance(0.001);
            assertThat(port(i).isListening()).isFalse();
            assertThat(port(i + 1).written().get(0).to()).isEqualTo(to[i]);
            assertThat(sent(i + 1).id()).isEqualTo(id);
        }
        assertThat(seen.get()).isNull();
        reactor.advance(45);
        assertThat(seen.get()).isInstanceOf(DnsQueryTimeoutError.class);
        assertThat(reactor.udpServers()).hasSize(8);
        assertThat(port(7).isListening()).isFalse();
    }

    @Test
    void anAnswerToTheSecondServerAfterATimeoutIsTaken() {
        AtomicReference<Object> seen = outcome(client.lookupMailExchange("example.com"));
        reactor.advance(1);
        Message query = sent(1);
        deliver(1, answer(query, Rcode.NOERROR, new MxRecord(10, Name.of("mx.example.com"))), SECOND);
        assertThat(seen.get()).isInstanceOf(LookupResult.class);
        reactor.advance(100);
        assertThat(reactor.udpServers()).hasSize(2);
    }

    @Test
    void errorCodesBecomeTwistedsErrors() {
        int[] codes = {Rcode.NXDOMAIN, Rcode.SERVFAIL, Rcode.REFUSED, Rcode.NOTIMP, Rcode.FORMERR, 9};
        List<Class<?>> errors = List.of(DnsNameError.class, DnsServerError.class, DnsQueryRefusedError.class,
                DnsNotImplementedError.class, DnsFormatRejectedError.class, DnsUnknownError.class);
        for (int i = 0; i < codes.length; i++) {
            AtomicReference<Object> seen = outcome(client.lookupAddress("nothere.example.com"));
            Message query = sent(i);
            deliver(i, answer(query, codes[i]), FIRST);
            assertThat(seen.get()).isInstanceOf(errors.get(i));
            assertThat(((DnsResponseError) seen.get()).response().rcode()).isEqualTo(codes[i]);
        }
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() {
        AtomicReference<Object> seen = outcome(client.lookupText("example.com"));
        Message query = sent(0);
        deliver(0, query.toBuilder().response(true).truncated(true).build(), FIRST);
        assertThat(seen.get()).isNull();
        assertThat(reactor.tcpClients()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo("192.0.2.1");
            assertThat(c.port()).isEqualTo(53);
        });
        Protocol protocol = reactor.tcpClients().get(0).factory().buildProtocol(FIRST);
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        byte[] framed = transport.value();
        assertThat((framed[0] & 0xff) << 8 | framed[1] & 0xff).isEqualTo(framed.length - 2);
        Message overTcp = Message.parse(java.util.Arrays.copyOfRange(framed, 2, framed.length));
        assertThat(overTcp).isEqualTo(query);

        byte[] response = answer(query, Rcode.NOERROR, TxtRecord.of("x".repeat(255), "y".repeat(255)),
                TxtRecord.of("z".repeat(255))).toBytes();
        ByteBuffer frame = ByteBuffer.allocate(response.length + 2).putShort((short) response.length).put(response);
        frame.flip();
        protocol.dataReceived(frame);
        assertThat(seen.get()).isInstanceOf(LookupResult.class);
        assertThat(((LookupResult) seen.get()).answers()).hasSize(2);
        assertThat(transport.isDisconnecting()).isFalse();
        reactor.advance(DnsTcpChannel.IDLE_TIMEOUT);
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    private static ByteBuffer frame(Message message) {
        byte[] bytes = message.toBytes();
        return ByteBuffer.allocate(bytes.length + 2).putShort((short) bytes.length).put(bytes).flip();
    }

    @Test
    void truncatedAnswersFromOneServerShareOneTcpConnectionAnsweredInAnyOrder() {
        AtomicReference<Object> first = outcome(client.lookupText("one.example.com"));
        Message firstQuery = sent(0);
        deliver(0, firstQuery.toBuilder().response(true).truncated(true).build(), FIRST);
        Protocol protocol = reactor.tcpClients().get(0).factory().buildProtocol(FIRST);
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        AtomicReference<Object> second = outcome(client.lookupText("two.example.com"));
        Message secondQuery = sent(1);
        deliver(1, secondQuery.toBuilder().response(true).truncated(true).build(), FIRST);
        assertThat(reactor.tcpClients()).hasSize(1);

        protocol.dataReceived(frame(answer(secondQuery, Rcode.NOERROR, TxtRecord.of("2"))));
        assertThat(second.get()).isInstanceOf(LookupResult.class);
        assertThat(first.get()).isNull();
        reactor.advance(DnsClient.TCP_TIMEOUT / 2);
        assertThat(transport.isDisconnecting()).as("a query is still outstanding").isFalse();
        protocol.dataReceived(frame(answer(firstQuery, Rcode.NOERROR, TxtRecord.of("1"))));
        assertThat(((LookupResult) first.get()).answers()).extracting(ResourceRecord::data)
                .containsExactly(TxtRecord.of("1"));

        transport.loseConnection();
        protocol.connectionLost(new org.twisted4j.defer.Failure(new java.io.IOException("closed")));
        AtomicReference<Object> third = outcome(client.lookupText("three.example.com"));
        deliver(2, sent(2).toBuilder().response(true).truncated(true).build(), FIRST);
        assertThat(reactor.tcpClients()).as("a lost connection is made again").hasSize(2);
        assertThat(third.get()).isNull();
    }

    @Test
    void aTcpQueryThatGetsNoAnswerTimesOut() {
        AtomicReference<Object> seen = outcome(client.lookupText("example.com"));
        Message query = sent(0);
        deliver(0, query.toBuilder().response(true).truncated(true).build(), FIRST);
        reactor.tcpClients().get(0).factory().buildProtocol(FIRST).makeConnection(new StringTransport());
        reactor.advance(DnsClient.TCP_TIMEOUT);
        assertThat(seen.get()).isInstanceOf(DnsQueryTimeoutError.class);
    }

    @Test
    void cancellingAQueryStopsItsRetransmissions() {
        Deferred<LookupResult> lookup = client.lookupAddress("example.com");
        AtomicReference<Object> seen = outcome(lookup);
        lookup.cancel();
        assertThat(seen.get()).isInstanceOf(org.twisted4j.defer.CancelledError.class);
        assertThat(port(0).isListening()).isFalse();
        assertThat(reactor.getDelayedCalls()).isEmpty();
        reactor.advance(100);
        assertThat(reactor.udpServers()).hasSize(1);
    }

    @Test
    void serversComeFromResolvConf() {
        DnsClient fromConf = DnsClient.create(reactor, ResolvConf.parse("nameserver 2001:db8::53\n"));
        fromConf.lookupAddress("example.com");
        assertThat(reactor.udpServers().get(0).bindInterface()).isEqualTo("::");
        assertThat(port(0).written().get(0).to()).isEqualTo(DnsClient.address("2001:db8:0::53", 53));
    }
}
