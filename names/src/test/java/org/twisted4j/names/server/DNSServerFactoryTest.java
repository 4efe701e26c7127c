package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.names.ByteString;
import org.twisted4j.names.Edns;
import org.twisted4j.names.Message;
import org.twisted4j.names.Opcode;
import org.twisted4j.names.Query;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.TxtRecord;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.testing.FakeDatagramPort;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class DNSServerFactoryTest {

    static final Address CLIENT = new IPv4Address(AddressType.UDP, "192.0.2.100", 5353);

    static Zone zone() {
        StringBuilder text = new StringBuilder("""
                $ORIGIN example.com.
                $TTL 3600
                @       SOA ns1 hostmaster 1 7200 900 1209600 300
                        NS ns1
                ns1     A 192.0.2.1
                www     A 192.0.2.3
                """);
        for (int i = 0; i < 40; i++) {
            text.append("big TXT \"").append("x".repeat(60)).append(i).append("\"\n");
        }
        return Zone.fromFile(write(text.toString()));
    }

    private static java.nio.file.Path write(String text) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("zone", ".zone");
            java.nio.file.Files.writeString(file, text);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final DNSServerFactory server = new DNSServerFactory(List.of(new Authority(zone())));

    private static Message.Builder query(String name, int type) {
        return Message.builder().id(4242).recursionDesired(true).query(Query.of(name, type));
    }

    private Message ask(Message.Builder query, boolean stream) {
        List<byte[]> responses = server.handle(query.build().toBytes(), CLIENT, stream);
        assertThat(responses).hasSize(1);
        return Message.parse(responses.get(0));
    }

    @Test
    void answersCarryTheIdQuestionAndFlags() {
        Message response = ask(query("www.example.com", RecordType.A), false);
        assertThat(response.id()).isEqualTo(4242);
        assertThat(response.response()).isTrue();
        assertThat(response.authoritative()).isTrue();
        assertThat(response.recursionDesired()).isTrue();
        assertThat(response.recursionAvailable()).isFalse();
        assertThat(response.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.queries()).containsExactly(Query.of("www.example.com", RecordType.A));
        assertThat(response.answers()).extracting(ResourceRecord::toText)
                .containsExactly("www.example.com. 3600 IN A 192.0.2.3");
        assertThat(response.edns()).isNull();
    }

    @Test
    void namesOutsideTheZonesAreRefused() {
        Message response = ask(query("www.example.org", RecordType.A), false);
        assertThat(response.rcode()).isEqualTo(Rcode.REFUSED);
        assertThat(response.authoritative()).isFalse();
        assertThat(response.answers()).isEmpty();
    }

    @Test
    void otherOpcodesAreNotImplemented() {
        Message response = ask(query("example.com", RecordType.SOA).opcode(Opcode.STATUS), false);
        assertThat(response.rcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(response.opcode()).isEqualTo(Opcode.STATUS);
    }

    @Test
    void malformedQueriesGetFormerrWhenTheirHeaderCanBeRead() {
        byte[] good = query("www.example.com", RecordType.A).build().toBytes();
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        List<byte[]> responses = server.handle(cut, CLIENT, false);
        assertThat(responses).hasSize(1);
        Message response = Message.parse(responses.get(0));
        assertThat(response.id()).isEqualTo(4242);
        assertThat(response.response()).isTrue();
        assertThat(response.rcode()).isEqualTo(Rcode.FORMERR);
        assertThat(server.handle(new byte[5], CLIENT, false)).isEmpty();
        assertThat(ask(Message.builder().id(1), false).rcode()).as("no question").isEqualTo(Rcode.FORMERR);
    }

    @Test
    void responsesAreNeverAnswered() {
        byte[] response = query("www.example.com", RecordType.A).response(true).build().toBytes();
        assertThat(server.handle(response, CLIENT, false)).isEmpty();
        byte[] brokenResponse = java.util.Arrays.copyOf(response, 14);
        assertThat(server.handle(brokenResponse, CLIENT, false)).isEmpty();
    }

    @Test
    void ednsQueriesGetAnOptRecordAndHigherVersionsBadvers() {
        Message response = ask(query("www.example.com", RecordType.A).edns(new Edns(4096, 0, true, List.of())), false);
        assertThat(response.edns()).isNotNull();
        assertThat(response.edns().payloadSize()).isEqualTo(DNSServerFactory.EDNS_PAYLOAD);
        assertThat(response.edns().dnssecOk()).isTrue();
        Message badvers = ask(query("www.example.com", RecordType.A).edns(new Edns(4096, 1, false, List.of())),
                false);
        assertThat(badvers.rcode()).isEqualTo(Rcode.BADVERS);
        assertThat(badvers.edns()).isNotNull();
        assertThat(badvers.edns().version()).isZero();
        assertThat(badvers.answers()).isEmpty();
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndWholeOverTcp() {
        Message udp = ask(query("big.example.com", RecordType.TXT), false);
        assertThat(udp.truncated()).isTrue();
        assertThat(server.handle(query("big.example.com", RecordType.TXT).build().toBytes(), CLIENT, false).get(0))
                .hasSizeLessThanOrEqualTo(512);
        Message edns = ask(query("big.example.com", RecordType.TXT).edns(new Edns(1232, 0, false, List.of())),
                false);
        assertThat(edns.truncated()).isTrue();
        assertThat(edns.edns()).as("the OPT record survives truncation").isNotNull();
        Message tcp = ask(query("big.example.com", RecordType.TXT), true);
        assertThat(tcp.truncated()).isFalse();
        assertThat(tcp.answers()).hasSize(40);
    }

    @Test
    void zoneTransfersOnlyOverTcpToAllowedAddresses() {
        Message refused = ask(query("example.com", RecordType.AXFR), true);
        assertThat(refused.rcode()).isEqualTo(Rcode.REFUSED);
        server.setAllowTransfer(List.of("192.0.2.100"));
        assertThat(ask(query("example.com", RecordType.AXFR), false).rcode()).as("over UDP").isEqualTo(Rcode.REFUSED);
        List<byte[]> messages = server.handle(query("example.com", RecordType.AXFR).build().toBytes(), CLIENT, true);
        List<ResourceRecord> records = messages.stream().map(Message::parse)
                .flatMap(m -> m.answers().stream()).toList();
        assertThat(records).hasSize(45);
        assertThat(records.get(0).type()).isEqualTo(RecordType.SOA);
        assertThat(records.get(records.size() - 1).type()).isEqualTo(RecordType.SOA);
        assertThat(records.subList(1, records.size() - 1)).extracting(ResourceRecord::type)
                .doesNotContain(RecordType.SOA);
        assertThat(ask(query("www.example.com", RecordType.AXFR), true).rcode()).isEqualTo(DNSServerFactory.NOTAUTH);
    }

    @Test
    void zoneTransfersSplitLargeRecordsAcrossMessages() {
        List<ByteString> strings = new java.util.ArrayList<>();
        for (int i = 0; i < 160; i++) {
            strings.add(ByteString.of(new byte[250]));
        }
        Zone.Builder zone = Zone.builder("big.test").soa(60, "ns.big.test", "admin.big.test", 1, 2, 3, 4, 5);
        for (int i = 0; i < 3; i++) {
            zone.add("t" + i + ".big.test", 60, new TxtRecord(strings));
        }
        DNSServerFactory big = new DNSServerFactory(List.of(new Authority(zone.build())))
                .setAllowTransfer(List.of("192.0.2.100"));
        List<byte[]> messages = big.handle(query("big.test", RecordType.AXFR).build().toBytes(), CLIENT, true);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3).allMatch(m -> m.length <= Message.MAX_MESSAGE);
        assertThat(messages.stream().map(Message::parse).mapToInt(m -> m.answers().size()).sum()).isEqualTo(5);
        assertThat(Message.parse(messages.get(0)).queries()).hasSize(1);
    }

    @Test
    void tcpConnectionsFrameMessagesWithTheirLength() {
        StringTransport transport = new StringTransport();
        var protocol = server.buildProtocol(StringTransport.DEFAULT_PEER);
        protocol.makeConnection(transport);
        byte[] wire = query("www.example.com", RecordType.A).build().toBytes();
        ByteBuffer framed = ByteBuffer.allocate(wire.length + 2).putShort((short) wire.length).put(wire).flip();
        protocol.dataReceived(framed.slice(0, 7));
        assertThat(transport.value()).isEmpty();
        protocol.dataReceived(framed.slice(7, framed.limit() - 7));
        byte[] out = transport.value();
        int length = ((out[0] & 0xFF) << 8) | (out[1] & 0xFF);
        assertThat(out).hasSize(length + 2);
        Message response = Message.parse(java.util.Arrays.copyOfRange(out, 2, out.length));
        assertThat(response.answers()).hasSize(1);
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void udpAnswersGoBackToTheSender() {
        MemoryReactor reactor = new MemoryReactor();
        var protocol = server.datagramProtocol();
        FakeDatagramPort port = reactor.listenUDP(53, protocol, "", 8192);
        byte[] wire = query("www.example.com", RecordType.A).build().toBytes();
        protocol.datagramReceived(ByteBuffer.wrap(wire), CLIENT);
        assertThat(port.written()).hasSize(1);
        assertThat(port.written().get(0).to()).isEqualTo(CLIENT);
        assertThat(Message.parse(port.written().get(0).data()).answers()).hasSize(1);
    }
}
