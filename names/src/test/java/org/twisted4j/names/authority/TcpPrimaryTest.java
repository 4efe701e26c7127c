package org.twisted4j.names.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.DnsFormatError;
import org.twisted4j.names.DnsQueryTimeoutError;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.Query;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.ZoneTransfer;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class TcpPrimaryTest {

    private static final Name DOMAIN = Name.of("example.test");
    private static final ResourceRecord SOA = ResourceRecord.of(DOMAIN, 3600,
            new SoaRecord(Name.of("ns.example.test"), Name.of("admin.example.test"), 7, 100, 10, 1000, 60));

    private final MemoryReactor reactor = new MemoryReactor();
    private final TcpPrimary primary = new TcpPrimary(reactor, reactor, "192.0.2.53", 5300);
    private final StringTransport transport = new StringTransport();

    /** Connects the last connection attempt and returns the query it sent. */
    private Message connect() {
        MemoryReactor.TcpClient client = reactor.tcpClients().get(reactor.tcpClients().size() - 1);
        assertThat(client.host() + ":" + client.port()).isEqualTo("192.0.2.53:5300");
        protocol = client.factory().buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
        byte[] sent = transport.value();
        int length = ByteBuffer.wrap(sent).getShort() & 0xFFFF;
        assertThat(sent).hasSize(length + 2);
        return Message.parse(Arrays.copyOfRange(sent, 2, sent.length));
    }

    private Protocol protocol;

    private void receive(Message message) {
        byte[] wire = message.toBytes();
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        protocol.dataReceived(ByteBuffer.wrap(framed));
    }

    private static Message.Builder reply(Message query) {
        Message.Builder reply = Message.builder().id(query.id()).response(true).authoritative(true);
        query.queries().forEach(reply::query);
        return reply;
    }

    private static <T> List<Object> outcome(Deferred<T> d) {
        List<Object> out = new ArrayList<>();
        d.addCallback(v -> {
            out.add(v);
            return null;
        }).addErrback((Failure f) -> {
            out.add(f.value());
            return null;
        });
        return out;
    }

    private static ResourceRecord a(int i) {
        return ResourceRecord.of(Name.of("h" + i + ".example.test"), 60, ARecord.of("192.0.2." + (i % 250)));
    }

    @Test
    void soaIsAskedOverTcp() {
        List<Object> got = outcome(primary.soa(DOMAIN));
        Message query = connect();
        assertThat(query.queries()).containsExactly(new Query(DOMAIN, RecordType.SOA, 1));
        receive(reply(query).answer(SOA).build());
        assertThat(got).containsExactly(SOA.data());
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void aTransferIsReadOverSeveralMessagesUpToTheClosingSoa() {
        List<Object> got = outcome(primary.transfer(DOMAIN));
        Message query = connect();
        assertThat(query.queries()).containsExactly(new Query(DOMAIN, RecordType.AXFR, 1));
        receive(reply(query).answer(SOA).answer(a(1)).build());
        receive(Message.builder().id(query.id() ^ 1).response(true).answer(a(99)).build());
        assertThat(got).isEmpty();
        receive(Message.builder().id(query.id()).response(true).answer(a(2)).build());
        assertThat(got).isEmpty();
        receive(Message.builder().id(query.id()).response(true).answer(a(3)).answer(SOA).build());
        assertThat(got).containsExactly(List.of(SOA, a(1), a(2), a(3), SOA));
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void aRefusedTransferFails() {
        List<Object> got = outcome(primary.transfer(DOMAIN));
        Message query = connect();
        receive(reply(query).rcode(Rcode.REFUSED).build());
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).isInstanceOf(Exception.class);
    }

    @Test
    void aTransferNotStartingWithTheSoaFails() {
        List<Object> got = outcome(primary.transfer(DOMAIN));
        Message query = connect();
        receive(reply(query).answer(a(1)).answer(SOA).build());
        assertThat(got).singleElement().isInstanceOf(DnsFormatError.class);
    }

    @Test
    void aConnectionLostMidTransferFails() {
        List<Object> got = outcome(primary.transfer(DOMAIN));
        Message query = connect();
        receive(reply(query).answer(SOA).answer(a(1)).build());
        protocol.connectionLost(new Failure(new java.io.IOException("reset")));
        assertThat(got).singleElement().isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aSilentPrimaryTimesOut() {
        List<Object> got = outcome(primary.transfer(DOMAIN));
        connect();
        reactor.advance(ZoneTransfer.TIMEOUT - 1);
        assertThat(got).isEmpty();
        reactor.advance(1);
        assertThat(got).singleElement().isInstanceOf(DnsQueryTimeoutError.class);
    }
}
