package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordDataTest {

    private static RecordData roundTrip(RecordData data) {
        Message message = Message.builder().answer(ResourceRecord.of(Name.of("x.example"), 60, data)).build();
        return Message.parse(message.toBytes()).answers().get(0).data();
    }

    @Test
    void ipv6AddressesPrintInRfc5952Form() {
        assertThat(AaaaRecord.of("2001:0db8:0000:0000:0000:0000:0000:0001").toText()).isEqualTo("2001:db8::1");
        assertThat(AaaaRecord.of("::").toText()).isEqualTo("::");
        assertThat(AaaaRecord.of("::1").toText()).isEqualTo("::1");
        assertThat(AaaaRecord.of("2001:db8:0:1:1:1:1:1").toText()).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(AaaaRecord.of("2001:0:0:1:0:0:0:1").toText()).isEqualTo("2001:0:0:1::1");
        assertThat(AaaaRecord.of("::ffff:192.0.2.1").toText()).isEqualTo("::ffff:192.0.2.1");
        assertThat(roundTrip(AaaaRecord.of("::ffff:192.0.2.1"))).isEqualTo(AaaaRecord.of("::ffff:192.0.2.1"));
        assertThatThrownBy(() -> AaaaRecord.of("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ARecord.of("192.0.2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ARecord.of("192.0.2.256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void characterStringsAreQuotedAndEscaped() {
        TxtRecord txt = new TxtRecord(List.of(
                ByteString.of("a \"b\" \\c".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                ByteString.of((byte) 0, (byte) 255)));
        assertThat(txt.toText()).isEqualTo("\"a \\\"b\\\" \\\\c\" \"\\000\\255\"");
        assertThat(roundTrip(txt)).isEqualTo(txt);
        assertThatThrownBy(() -> TxtRecord.of("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TxtRecord(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTypesUseRfc3597Presentation() {
        UnknownRecord unknown = new UnknownRecord(65280, ByteString.fromHex("0a000001"));
        assertThat(unknown.toText()).isEqualTo("\\# 4 0a000001");
        assertThat(new UnknownRecord(65281, ByteString.EMPTY).toText()).isEqualTo("\\# 0");
        assertThat(roundTrip(unknown)).isEqualTo(unknown);
        assertThat(RecordType.toText(65280)).isEqualTo("TYPE65280");
        assertThat(RecordType.fromText("type65280")).isEqualTo(65280);
        assertThat(RecordType.fromText("aaaa")).isEqualTo(RecordType.AAAA);
        assertThat(DnsClass.fromText("CLASS3")).isEqualTo(DnsClass.CH);
        assertThatThrownBy(() -> RecordType.fromText("TYPE65536")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordType.fromText("BOGUS")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeRoundTripsThroughTheWire() {
        List<RecordData> all = List.of(ARecord.of("192.0.2.1"), AaaaRecord.of("2001:db8::1"),
                new NsRecord(Name.of("ns.example")), new CnameRecord(Name.of("c.example")),
                new DnameRecord(Name.of("d.example")), new PtrRecord(Name.of("p.example")),
                new SoaRecord(Name.of("ns.example"), Name.of("h.example"), 0xffffffffL, 1, 2, 3, 4),
                new MxRecord(65535, Name.ROOT), TxtRecord.of("one", "two"), SpfRecord.of("v=spf1"),
                new SrvRecord(1, 2, 3, Name.of("t.example")),
                new NaptrRecord(1, 2, ByteString.of((byte) 'U'), ByteString.EMPTY, ByteString.EMPTY, Name.ROOT),
                CaaRecord.of(128, "issue", "ca.example"),
                new HinfoRecord(ByteString.of((byte) 'a'), ByteString.of((byte) 'b')),
                new RpRecord(Name.of("m.example"), Name.ROOT), new SshfpRecord(1, 1, ByteString.fromHex("00ff")),
                new TlsaRecord(3, 1, 1, ByteString.fromHex("abcd")),
                new SvcbRecord(1, Name.of("s.example"),
                        List.of(new SvcParam(SvcParam.PORT, ByteString.fromHex("01bb")))),
                new HttpsRecord(0, Name.of("h.example"), List.of()),
                new DsRecord(1, 8, 2, ByteString.fromHex("00112233")),
                new DnskeyRecord(256, 3, 13, ByteString.fromHex("0102")),
                new RrsigRecord(RecordType.A, 13, 2, 300, 0xffffffffL, 0, 65535, Name.of("example"),
                        ByteString.of((byte) 1)),
                new NsecRecord(Name.of("n.example"), List.of(RecordType.CAA, RecordType.A, 65535, RecordType.A)),
                new Nsec3Record(1, 1, 10, ByteString.EMPTY, ByteString.fromHex("0011"), List.of()),
                new Nsec3paramRecord(1, 0, 0, ByteString.fromHex("ab")));
        for (RecordData data : all) {
            assertThat(roundTrip(data)).as(RecordType.toText(data.type())).isEqualTo(data);
        }
        assertThat(new NsecRecord(Name.of("n.example"), List.of(RecordType.CAA, RecordType.A, 65535)).types())
                .containsExactly(RecordType.A, RecordType.CAA, 65535);
    }

    @Test
    void svcParamsPrintAsDnspythonDoes() {
        assertThat(new SvcParam(SvcParam.ALPN, ByteString.fromHex("026832026833")).toText()).contains("alpn=");
        assertThat(new SvcParam(SvcParam.PORT, ByteString.fromHex("01bb")).toText()).isEqualTo("port=\"443\"");
        assertThat(new SvcParam(SvcParam.NO_DEFAULT_ALPN, ByteString.EMPTY).toText()).isEqualTo("no-default-alpn");
        assertThat(new SvcParam(SvcParam.MANDATORY, ByteString.fromHex("00010003")).toText())
                .isEqualTo("mandatory=\"alpn,port\"");
        assertThat(new SvcParam(65000, ByteString.fromHex("41")).toText()).isEqualTo("key65000=\"A\"");
        assertThatThrownBy(() -> new SvcbRecord(1, Name.ROOT, List.of(new SvcParam(3, ByteString.EMPTY),
                new SvcParam(1, ByteString.EMPTY)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientSubnetCutsTheAddressToItsPrefix() throws Exception {
        ClientSubnetOption v4 = ClientSubnetOption.of(InetAddress.getByName("192.0.2.77"), 20);
        assertThat(v4.address()).isEqualTo(ByteString.fromHex("c00000"));
        assertThat(v4.toText()).isEqualTo("ECS 192.0.0.0/20 scope/0");
        ClientSubnetOption v6 = ClientSubnetOption.of(InetAddress.getByName("2001:db8::1"), 56);
        assertThat(v6.address().length()).isEqualTo(7);
        assertThatThrownBy(() -> new ClientSubnetOption(1, 20, 0, ByteString.fromHex("c000ff")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CookieOption(ByteString.fromHex("00"), ByteString.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resourceRecordsPrintAsZoneFileLines() {
        ResourceRecord rr = ResourceRecord.of(Name.of("example.com"), 3600,
                new MxRecord(10, Name.of("mx.example.com")));
        assertThat(rr.toText()).isEqualTo("example.com. 3600 IN MX 10 mx.example.com.");
        assertThat(new Query(Name.of("example.com"), 65280, DnsClass.CH).toText())
                .isEqualTo("example.com. CH TYPE65280");
        assertThat(new Nsec3paramRecord(1, 0, 0, ByteString.EMPTY).toText()).isEqualTo("1 0 0 -");
    }
}
