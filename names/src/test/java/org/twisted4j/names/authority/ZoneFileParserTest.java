package org.twisted4j.names.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.names.AaaaRecord;
import org.twisted4j.names.ResourceRecord;

class ZoneFileParserTest {

    private static List<RawRecord> parse(String text) {
        return new ZoneFileParser().parseRecords(text, "test.zone", "example.com");
    }

    private static String line(RawRecord record) {
        return record.owner() + " " + record.ttl() + " " + record.dnsClass() + " " + RecordTypes.name(record.type())
                + " " + HexFormat.of().formatHex(record.rdata());
    }

    @Test
    void soaAcrossParenthesesWithCommentsAndUnits() {
        List<RawRecord> records = parse("""
                $TTL 1h
                @ IN SOA ns1 hostmaster ( 2024010101 ; serial
                        1h 15m 1w 300 ) ; the rest
                """);
        assertThat(records).hasSize(1);
        RawRecord soa = records.get(0);
        assertThat(soa.owner()).isEqualTo("example.com.");
        assertThat(soa.ttl()).isEqualTo(3600);
        assertThat(soa.line()).isEqualTo(2);
        assertThat(HexFormat.of().formatHex(soa.rdata())).isEqualTo(
                "036e7331076578616d706c6503636f6d00" + "0a686f73746d6173746572076578616d706c6503636f6d00"
                + "78a3f175" + "00000e10" + "00000384" + "00093a80" + "0000012c");
    }

    @Test
    void ownerOmittedMeansThePreviousOwnerAndTtlAndClassComeInEitherOrder() {
        List<RawRecord> records = parse("""
                $TTL 300
                www 60 IN A 192.0.2.1
                    IN 70 A 192.0.2.2
                    AAAA 2001:db8::1
                mail.example.org. CLASS1 A 192.0.2.3
                """);
        assertThat(records).extracting(ZoneFileParserTest::line).containsExactly(
                "www.example.com. 60 1 A c0000201",
                "www.example.com. 70 1 A c0000202",
                "www.example.com. 300 1 AAAA 20010db8000000000000000000000001",
                "mail.example.org. 300 1 A c0000203");
    }

    @Test
    void withoutTtlDirectiveTheLastTtlAppliesAndASoaFallsBackToItsMinimum() {
        List<RawRecord> records = parse("""
                @ SOA ns1 host 1 2 3 4 55
                a A 192.0.2.1
                b 7 A 192.0.2.2
                c A 192.0.2.3
                """);
        assertThat(records).extracting(RawRecord::ttl).containsExactly(55L, 55L, 7L, 7L);
        assertThatThrownBy(() -> parse("a A 192.0.2.1"))
                .isInstanceOf(ZoneFileError.class).hasMessage("test.zone:1: no TTL given and no $TTL before");
    }

    @Test
    void quotedStringsWithEscapes() {
        List<RawRecord> records = parse("""
                $TTL 1
                t TXT "say \\"hi\\"; ok" plain \\065\\066 "" "(x)"
                """);
        assertThat(HexFormat.of().formatHex(records.get(0).rdata())).isEqualTo(
                "0c" + HexFormat.of().formatHex("say \"hi\"; ok".getBytes()) + "05706c61696e" + "024142" + "00"
                + "03287829");
    }

    @Test
    void originDirectiveAndEscapedDotsInNames() {
        List<RawRecord> records = parse("""
                $TTL 1
                $ORIGIN sub
                a\\.b CNAME @
                $ORIGIN other.net.
                c PTR x.y.
                """);
        assertThat(records).extracting(ZoneFileParserTest::line).containsExactly(
                "a\\.b.sub.example.com. 1 1 CNAME 03737562076578616d706c6503636f6d00",
                "c.other.net. 1 1 PTR 01780179" + "00");
    }

    @Test
    void rfc3597UnknownTypesAndGenericDataForKnownTypes() {
        List<RawRecord> records = parse("""
                $TTL 1
                u TYPE123 \\# 4 0a000001
                  A \\# 4 0A000002
                  TYPE65280 \\# 0
                """);
        assertThat(records).extracting(ZoneFileParserTest::line).containsExactly(
                "u.example.com. 1 1 TYPE123 0a000001", "u.example.com. 1 1 A 0a000002",
                "u.example.com. 1 1 TYPE65280 ");
        assertThatThrownBy(() -> parse("$TTL 1\nu TYPE1 \\# 3 0a00"))
                .isInstanceOf(ZoneFileError.class).hasMessageContaining("test.zone:2:");
        assertThatThrownBy(() -> parse("$TTL 1\nu TYPE999 1 2 3"))
                .isInstanceOf(ZoneFileError.class).hasMessageContaining("\\# LENGTH HEX");
    }

    @Test
    void everyCodecTypeInPresentationForm() {
        List<RawRecord> records = parse("""
                $TTL 1
                a NS ns1
                a DNAME b
                a MX 10 mail
                a SPF "v=spf1 -all"
                a HINFO "PC" "Linux"
                a RP mbox.example.com. txt
                _s._tcp SRV 1 2 3 t
                a NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp
                a CAA 128 iodef "mailto:x@example.com"
                a SSHFP 1 1 0123456789abcdef0123 456789abcdef01234567
                a TLSA 3 1 1 00ff
                a DS 12345 8 2 AABB CCDD
                a DNSKEY 257 3 8 AwEAAQ==
                a RRSIG A 8 3 3600 20240101000000 1704067200 12345 example.com. AAEC Aw==
                a NSEC b.example.com. A NS RRSIG NSEC
                a NSEC3 1 0 10 - 0123456789abcdefghijklmnopqrstuv A
                a NSEC3PARAM 1 0 10 aabb
                a SVCB 1 svc mandatory=alpn alpn=h2,h3 no-default-alpn port=8443 ipv6hint=::1 ech=AQI= key65000=x
                """);
        assertThat(records).hasSize(18);
        assertThat(records).extracting(r -> RecordTypes.name(r.type())).containsExactly("NS", "DNAME", "MX",
                "SPF", "HINFO", "RP", "SRV", "NAPTR", "CAA", "SSHFP", "TLSA", "DS", "DNSKEY", "RRSIG", "NSEC",
                "NSEC3", "NSEC3PARAM", "SVCB");
        assertThat(HexFormat.of().formatHex(records.get(11).rdata())).isEqualTo("303908" + "02" + "aabbccdd");
        assertThat(HexFormat.of().formatHex(records.get(13).rdata())).isEqualTo(
                "0001" + "08" + "03" + "00000e10" + "65920080" + "65920080" + "3039"
                + "076578616d706c6503636f6d00" + "00010203");
        assertThat(HexFormat.of().formatHex(records.get(17).rdata())).isEqualTo(
                "0001" + "03737663076578616d706c6503636f6d00"
                + "0000" + "0002" + "0001"
                + "0001" + "0006" + "026832026833"
                + "0002" + "0000"
                + "0003" + "0002" + "20fb"
                + "0005" + "0002" + "0102"
                + "0006" + "0010" + "00000000000000000000000000000001"
                + "fde8" + "0001" + "78");
    }

    @Test
    void recordsPrintedInPresentationFormReadBackTheSame() {
        String zone = """
                $TTL 1
                @ SOA ns1 host 1 2 3 4 5
                a A 192.0.2.1
                a AAAA 2001:db8::1
                a TXT "one \\"two\\"" "\\255\\000"
                a NS ns1
                a DNAME b
                a MX 10 mail
                a SPF "v=spf1 -all"
                a HINFO "PC" "Linux"
                a RP mbox.example.com. txt
                _s._tcp SRV 1 2 3 t
                a NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp
                a CAA 128 iodef "mailto:x@example.com"
                a SSHFP 1 1 0123456789abcdef0123456789abcdef01234567
                a TLSA 3 1 1 00ff
                a DS 12345 8 2 AABBCCDD
                a DNSKEY 257 3 8 AwEAAQ==
                a RRSIG A 8 3 3600 20240101000000 20231201000000 12345 example.com. AAECAw==
                a NSEC b.example.com. A NS RRSIG NSEC TYPE1234
                a NSEC3 1 0 10 - 0123456789abcdefghijklmnopqrstuv A
                a NSEC3PARAM 1 0 10 aabb
                a SVCB 1 svc alpn=h2,h3 port=8443 ipv4hint=192.0.2.1
                a HTTPS 1 . alpn=h2 no-default-alpn
                a PTR host
                a TYPE65280 \\# 3 010203
                """;
        List<ResourceRecord> records = new ZoneFileParser().parse(zone, "test.zone", "example.com.");
        assertThat(records).hasSize(25);
        StringBuilder printed = new StringBuilder();
        for (ResourceRecord record : records) {
            printed.append(record.toText()).append('\n');
        }
        assertThat(new ZoneFileParser().parse(printed.toString(), "printed.zone", ".")).as(printed.toString())
                .isEqualTo(records);
        assertThat(records.get(2).data()).isInstanceOf(AaaaRecord.class);
        assertThat(records.get(3).toText()).isEqualTo("a.example.com. 1 IN TXT \"one \\\"two\\\"\" \"\\255\\000\"");
    }

    @Test
    void svcbListsDecodeEscapesBeforeSplittingAtCommas() {
        List<RawRecord> records = parse("""
                $TTL 1
                a HTTPS 1 . alpn=a\\\\,b,c\\092\\092d
                """);
        assertThat(HexFormat.of().formatHex(records.get(0).rdata()))
                .isEqualTo("0001" + "00" + "0001" + "0008" + "03612c62" + "03635c64");
    }

    @Test
    void generateWithOffsetsWidthsAndBases() {
        List<RawRecord> records = parse("""
                $TTL 1
                $GENERATE 1-9/4 host-$ A 10.0.0.$
                $GENERATE 10-11 ${-10,3,d}-${0,0,x}-${0,2,X}-${0,0,o}\\$ TXT x
                $GENERATE 26-26 ${0,3,n} PTR h$$.
                """);
        assertThat(records).extracting(RawRecord::owner).containsExactly("host-1.example.com.",
                "host-5.example.com.", "host-9.example.com.", "000-a-0A-12$.example.com.", "001-b-0B-13$.example.com.",
                "a.1.example.com.");
        assertThat(HexFormat.of().formatHex(records.get(2).rdata())).isEqualTo("0a000009");
        assertThat(HexFormat.of().formatHex(records.get(5).rdata())).isEqualTo("02682400");
        assertThatThrownBy(() -> parse("$GENERATE 5-1 a A 1.2.3.$")).isInstanceOf(ZoneFileError.class);
        assertThatThrownBy(() -> parse("$TTL 1\n$GENERATE 0-70000 a$ A 1.2.3.4"))
                .isInstanceOf(ZoneFileError.class).hasMessageContaining("more than 65536");
    }

    @Test
    void includeIsRelativeToTheFileAndRestoresTheOrigin(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/hosts.inc"), "a A 192.0.2.1\n$ORIGIN elsewhere.\nb A 192.0.2.2\n");
        Files.writeString(dir.resolve("main.zone"), """
                $TTL 5
                $INCLUDE sub/hosts.inc inner
                c A 192.0.2.3
                """);
        List<RawRecord> records = new ZoneFileParser().parseRecords(dir.resolve("main.zone"), "example.com.");
        assertThat(records).extracting(RawRecord::owner)
                .containsExactly("a.inner.example.com.", "b.elsewhere.", "c.example.com.");
        assertThat(records.get(0).source()).endsWith("hosts.inc");
    }

    @Test
    void includeLoopsStopAtTheDepthLimitAndMissingFilesNameTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("loop.zone"), "$TTL 1\n$INCLUDE loop.zone\n");
        assertThatThrownBy(() -> new ZoneFileParser().setMaxIncludeDepth(3)
                .parseRecords(dir.resolve("loop.zone"), "example.com."))
                .isInstanceOf(ZoneFileError.class).hasMessageContaining(":2: $INCLUDE nested deeper than 3");
        Files.writeString(dir.resolve("missing.zone"), "\n\n$INCLUDE nowhere.inc\n");
        assertThatThrownBy(() -> new ZoneFileParser().parseRecords(dir.resolve("missing.zone"), "example.com."))
                .isInstanceOf(ZoneFileError.class).hasMessageContaining("nowhere.inc:0: cannot read");
    }

    @Test
    void errorsNameTheFileAndTheLineTheEntryBegan() {
        String[][] cases = {
            {"$TTL 1\na A 1.2.3", "test.zone:2: not an IPv4 address: 1.2.3"},
            {"$TTL 1\n\n( a A\n1.2.3.4", "test.zone:3: '(' without ')'"},
            {"a )", "test.zone:1: ')' without '('"},
            {"a TXT \"open", "test.zone:1: a quoted string does not end on its line"},
            {"$INCLUDE x", "test.zone:1: $INCLUDE needs a zone read from a file"},
            {"a 1h IN", "test.zone:1: a record needs a type"},
            {"$TTL 1x", "test.zone:1: bad TTL 1x"},
            {"$TTL 2147483648", "test.zone:1: TTL over 2147483647: 2147483648"},
            {"  A 1.2.3.4", "test.zone:1: the first record has no owner"},
            {"$TTL 1\na FOO x", "test.zone:2: unknown type FOO"},
            {"$TTL 1\na CH A 1.2.3.4\nb IN A 1.2.3.4", "test.zone:3: class 1 differs from the zone's 3"},
            {"$TTL 1\na A 1.2.3.4 5", "test.zone:2: unexpected 5 after the A data"},
            {"$TTL 1\n" + "x".repeat(64) + " A 1.2.3.4", "test.zone:2: label longer than 63 bytes in "},
            {"$TTL 1\na TXT " + "\"" + "y".repeat(256) + "\"", "test.zone:2: a character-string is at most 255 bytes"},
            {"$BOGUS", "test.zone:1: unknown directive $BOGUS"},
        };
        for (String[] each : cases) {
            assertThatThrownBy(() -> parse(each[0])).as(each[0])
                    .isInstanceOf(ZoneFileError.class).hasMessageStartingWith(each[1]);
        }
    }

    @Test
    void recordLimitIsEnforced() {
        assertThatThrownBy(() -> new ZoneFileParser().setMaxRecords(2)
                .parseRecords("$TTL 1\na A 1.1.1.1\nb A 1.1.1.1\nc A 1.1.1.1\n", "z", "."))
                .isInstanceOf(ZoneFileError.class).hasMessage("z:4: more than 2 records");
    }
}
