package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages built by dnspython and by Python Twisted, captured by {@code capture.py}: each parses, writes back
 * to the same octets (both compress as this codec does, but for the names RFC 3597 §4 says to write whole),
 * parses again to the same message, and its record data prints as dnspython's {@code to_text()} does.
 */
class MessagePythonTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "aaaa", "aaaa-mapped", "ns", "cname", "dname", "soa", "ptr", "mx", "txt", "caa",
        "caa-iodef", "hinfo", "rp", "sshfp", "tlsa", "svcb", "https", "https-alias", "spf", "ds",
        "dnskey", "rrsig", "nsec", "nsec3", "nsec3-nosalt", "nsec3param", "unknown", "unknown-empty",
        "edns-query", "edns-badvers", "nxdomain", "many-a"})
    void dnspythonMessagesWriteBackByteForByte(String name) {
        byte[] wire = Captured.bytes("dnspython-" + name);
        Message message = Message.parse(wire);
        assertThat(HexFormat.of().formatHex(message.toBytes())).isEqualTo(HexFormat.of().formatHex(wire));
        assertThat(Message.parse(message.toBytes())).isEqualTo(message);
        String text = Captured.presentation("dnspython-" + name);
        if (text != null) {
            // dnspython writes "\# 0 " for empty unknown data; RFC 3597 has no trailing space.
            assertThat(message.answers().get(0).data().toText()).isEqualTo(text.stripTrailing());
        }
    }

    /**
     * dnspython 2.3 compresses the target of SRV and the replacement of NAPTR, which RFC 2782 and RFC 3597 §4
     * forbid; this codec writes them whole, and reads both forms to the same record.
     */
    @ParameterizedTest
    @ValueSource(strings = {"srv", "naptr"})
    void srvAndNaptrNamesAreWrittenWholeWhereDnspythonCompressesThem(String name) {
        byte[] wire = Captured.bytes("dnspython-" + name);
        Message message = Message.parse(wire);
        byte[] ours = message.toBytes();
        assertThat(Message.parse(ours)).isEqualTo(message);
        // "example.com." whole (13 octets) where dnspython has a two-octet pointer.
        assertThat(ours.length).isEqualTo(wire.length + 11);
        assertThat(message.answers().get(0).data().toText()).isEqualTo(Captured.presentation("dnspython-" + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "aaaa", "ns", "cname", "dname", "soa", "ptr", "mx", "txt", "srv", "naptr", "hinfo",
        "rp", "sshfp", "spf", "unknown", "edns-query"})
    void twistedMessagesParseAndRoundTrip(String name) {
        byte[] wire = Captured.bytes("twisted-" + name);
        Message message = Message.parse(wire);
        assertThat(Message.parse(message.toBytes())).isEqualTo(message);
        assertThat(message.queries()).hasSize(1);
        if (!name.equals("rp")) {
            // Twisted compresses RP's names, which RFC 3597 §4 forbids; every other message is the same octets.
            assertThat(HexFormat.of().formatHex(message.toBytes())).as(name)
                    .isEqualTo(HexFormat.of().formatHex(wire));
        }
    }

    @org.junit.jupiter.api.Test
    void javaBuiltAnswerMatchesDnspythonsOctets() {
        Name www = Name.of("www.example.com");
        Message built = Message.builder().id(0x1234).response(true).recursionDesired(true)
                .query(new Query(www, RecordType.A, DnsClass.IN))
                .answer(ResourceRecord.of(www, 3600, ARecord.of("192.0.2.1")))
                .additional(ResourceRecord.of(www, 60, ARecord.of("192.0.2.99"))).build();
        assertThat(built.toBytes()).isEqualTo(Captured.bytes("dnspython-a"));
    }

    @org.junit.jupiter.api.Test
    void javaBuiltMxAndSoaMatchDnspythonsOctets() {
        Name zone = Name.of("example.com");
        Message mx = Message.builder().id(0x1234).response(true).recursionDesired(true)
                .query(new Query(zone, RecordType.MX, DnsClass.IN))
                .answer(ResourceRecord.of(zone, 3600, new MxRecord(10, Name.of("mail.example.com"))))
                .additional(ResourceRecord.of(zone, 60, ARecord.of("192.0.2.99"))).build();
        assertThat(mx.toBytes()).isEqualTo(Captured.bytes("dnspython-mx"));
        Message soa = mx.toBuilder().clearSections().query(new Query(zone, RecordType.SOA, DnsClass.IN))
                .answer(ResourceRecord.of(zone, 3600, new SoaRecord(Name.of("ns1.example.com"),
                        Name.of("hostmaster.example.com"), 2024010101L, 7200, 3600, 1209600, 300)))
                .additional(ResourceRecord.of(zone, 60, ARecord.of("192.0.2.99"))).build();
        assertThat(soa.toBytes()).isEqualTo(Captured.bytes("dnspython-soa"));
    }

    @org.junit.jupiter.api.Test
    void ednsQueryFieldsAreRead() {
        Message query = Message.parse(Captured.bytes("dnspython-edns-query"));
        assertThat(query.id()).isEqualTo(0xbeef);
        assertThat(query.authenticData()).isTrue();
        assertThat(query.checkingDisabled()).isTrue();
        assertThat(query.additional()).isEmpty();
        Edns edns = query.edns();
        assertThat(edns).isNotNull();
        assertThat(edns.payloadSize()).isEqualTo(1232);
        assertThat(edns.dnssecOk()).isTrue();
        assertThat(edns.version()).isZero();
        assertThat(edns.options()).containsExactly(
                new ClientSubnetOption(1, 24, 0, ByteString.of((byte) 192, (byte) 0, (byte) 2)),
                new CookieOption(ByteString.of(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}), ByteString.EMPTY),
                new PaddingOption(7),
                new UnknownOption(65001, ByteString.of("xyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        assertThat(query.maxPayload()).isEqualTo(1232);
    }

    @org.junit.jupiter.api.Test
    void extendedRcodeJoinsTheHeadersBits() {
        Message response = Message.parse(Captured.bytes("dnspython-edns-badvers"));
        assertThat(response.rcode()).isEqualTo(Rcode.BADVERS);
        assertThat(response.edns()).isNotNull();
        assertThat(response.edns().options()).singleElement().isInstanceOf(CookieOption.class);
    }

    @org.junit.jupiter.api.Test
    void nxdomainWithSoa() {
        Message response = Message.parse(Captured.bytes("dnspython-nxdomain"));
        assertThat(response.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.authoritative()).isTrue();
        assertThat(response.recursionAvailable()).isTrue();
        assertThat(response.recursionDesired()).isTrue();
        assertThat(response.id()).isEqualTo(65535);
        assertThat(response.authority()).singleElement().extracting(ResourceRecord::type).isEqualTo(RecordType.SOA);
    }

    @org.junit.jupiter.api.Test
    void twistedRecordsReadAsTwistedWroteThem() {
        Message txt = Message.parse(Captured.bytes("twisted-txt"));
        assertThat(txt.answers().get(0).data()).isEqualTo(TxtRecord.of("v=spf1 -all", "second string"));
        Message srv = Message.parse(Captured.bytes("twisted-srv"));
        assertThat(srv.answers().get(0).data()).isEqualTo(new SrvRecord(10, 60, 5060, Name.of("sip.example.com")));
        Message rp = Message.parse(Captured.bytes("twisted-rp"));
        assertThat(rp.answers().get(0).data()).isEqualTo(new RpRecord(Name.of("admin.example.com"),
                Name.of("info.example.com")));
        Message edns = Message.parse(Captured.bytes("twisted-edns-query"));
        assertThat(edns.edns()).isEqualTo(new Edns(1232, 0, true, List.of()));
        assertThat(edns.authenticData()).isTrue();
    }
}
