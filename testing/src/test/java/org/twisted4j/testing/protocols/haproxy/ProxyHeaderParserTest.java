package org.twisted4j.testing.protocols.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.ascii;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.concat;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.hex;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.v2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.protocols.haproxy.InvalidProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeader.Command;
import org.twisted4j.protocols.haproxy.ProxyHeaderParser;
import org.twisted4j.protocols.haproxy.ProxySsl;
import org.twisted4j.protocols.haproxy.ProxyTlv;
import org.twisted4j.testing.protocols.haproxy.ProxyHeaders.Outcome;

class ProxyHeaderParserTest {

    private static final IPv4Address CLIENT = new IPv4Address(AddressType.TCP, "192.0.2.1", 56324);
    private static final IPv4Address PROXY = new IPv4Address(AddressType.TCP, "198.51.100.2", 443);

    /** Parses whole, one byte at a time and cut once at every offset; all must agree. */
    private static Outcome parsedHoweverSplit(byte[] input) {
        Outcome whole = ProxyHeaders.parse(input);
        assertThat(ProxyHeaders.parse(input, IntStream.range(1, input.length).toArray())).isEqualTo(whole);
        for (int cut = 1; cut < input.length; cut++) {
            assertThat(ProxyHeaders.parse(input, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void v1Tcp4GivesTheAddressesAndLeavesTheBytesAfterIt() {
        Outcome outcome = parsedHoweverSplit(ascii("PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\nGET / HTTP/1.1\r\n"));
        assertThat(outcome.header()).isEqualTo(new ProxyHeader(1, Command.PROXY, CLIENT, PROXY, List.of()));
        assertThat(outcome.rest()).isEqualTo("GET / HTTP/1.1\r\n");
    }

    @Test
    void v1Tcp6GivesIpv6AddressesInTheJdkForm() {
        Outcome outcome = parsedHoweverSplit(ascii("PROXY TCP6 2001:db8::1 ::ffff:192.0.2.9 65535 0\r\n"));
        assertThat(outcome.header().source()).isEqualTo(new IPv6Address(AddressType.TCP, "2001:db8:0:0:0:0:0:1", 65535));
        assertThat(outcome.header().destination())
                .isEqualTo(new IPv6Address(AddressType.TCP, "0:0:0:0:0:ffff:c000:209", 0));
        assertThat(outcome.rest()).isEmpty();
    }

    @Test
    void v1UnknownIgnoresWhatFollowsAndGivesNoAddresses() {
        for (String line : List.of("PROXY UNKNOWN\r\n", "PROXY UNKNOWN ffff:: 1.2.3.4 anything at all\r\n")) {
            Outcome outcome = parsedHoweverSplit(ascii(line + "x"));
            assertThat(outcome.header()).isEqualTo(new ProxyHeader(1, Command.PROXY, null, null, List.of()));
            assertThat(outcome.rest()).isEqualTo("x");
        }
    }

    @Test
    void v1LinesUpTo107BytesAreReadAndLongerOnesRefusedAtTheir108thByte() {
        String longest = "PROXY UNKNOWN " + "x".repeat(107 - 16) + "\r\n";
        assertThat(longest).hasSize(ProxyHeaderParser.V1_MAX_LENGTH);
        assertThat(parsedHoweverSplit(ascii(longest)).header()).isNotNull();
        String tooLong = "PROXY UNKNOWN " + "x".repeat(107 - 15) + "\r\n";
        assertThat(parsedHoweverSplit(ascii(tooLong)).error()).isEqualTo("v1 line longer than 107 bytes");
        assertThat(parsedHoweverSplit(ascii(tooLong.substring(0, 107))).error()).isEqualTo("v1 line longer than 107 bytes");
        String widest = "PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertThat(parsedHoweverSplit(ascii(widest)).header().source()).isEqualTo(
                new IPv6Address(AddressType.TCP, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1\\r\\n | not a PROXY header: byte 0 is 0x47, neither v1's 'P' nor v2's CR",
        "PROXI TCP4 | not a PROXY header: byte 4 is 0x49 where v1's 'PROXY ' has 'Y'",
        "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\\r\\n | v1 protocol 'TCP5' is none of TCP4, TCP6, UNKNOWN",
        "PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\\r\\n | v1 protocol '' is none of TCP4, TCP6, UNKNOWN",
        "PROXY TCP4 1.2.3.4 5.6.7.8  1 2\\r\\n | v1 TCP4 line has 5 fields, 4 needed (source, destination, source port, destination port, one space apart)",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1\\r\\n | v1 TCP4 line has 3 fields, 4 needed (source, destination, source port, destination port, one space apart)",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \\r\\n | v1 TCP4 line has 5 fields, 4 needed (source, destination, source port, destination port, one space apart)",
        "PROXY TCP4 1.2.3 5.6.7.8 1 2\\r\\n | v1 source address '1.2.3' is not an IPv4 literal",
        "PROXY TCP4 1.2.3.04 5.6.7.8 1 2\\r\\n | v1 source address '1.2.3.04' is not an IPv4 literal",
        "PROXY TCP4 ::1 5.6.7.8 1 2\\r\\n | v1 source address '::1' is not an IPv4 literal",
        "PROXY TCP6 ::1 5.6.7.8 1 2\\r\\n | v1 destination address '5.6.7.8' is not an IPv6 literal",
        "PROXY TCP6 ::1 localhost 1 2\\r\\n | v1 destination address 'localhost' is not an IPv6 literal",
        "PROXY TCP6 ::1 ::1%lo 1 2\\r\\n | v1 destination address '::1%lo' is not an IPv6 literal",
        "PROXY TCP6 ::1 1:2:3:4:5:6:7:8:9 1 2\\r\\n | v1 destination address '1:2:3:4:5:6:7:8:9' is not an IPv6 literal",
        "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\\r\\n | v1 source port '65536' is not a number 0-65535",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 -2\\r\\n | v1 destination port '-2' is not a number 0-65535",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 +2\\r\\n | v1 destination port '+2' is not a number 0-65535",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\n | v1 line ends with a bare LF, not CRLF",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\rx | v1 line has a CR not followed by LF",
    })
    void malformedV1LinesAreRefusedNamingTheirFault(String line, String error) {
        byte[] input = ascii(line.strip().replace("\\r", "\r").replace("\\n", "\n"));
        assertThat(parsedHoweverSplit(input).error()).isEqualTo(error);
    }

    @Test
    void aForeignFirstByteIsRefusedWithoutWaitingForMore() {
        ProxyHeaderParser parser = new ProxyHeaderParser();
        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(ascii("G")))).isInstanceOf(InvalidProxyHeader.class);
        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(ascii("ET")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void v2Tcp4WithEveryKnownTlvReadsThemAll() {
        byte[] ssl = concat(hex("07 00000000"), hex("21 0007"), ascii("TLSv1.3"), hex("22 0005"), ascii("alice"),
                hex("23 0016"), ascii("TLS_AES_256_GCM_SHA384"));
        byte[] block = concat(hex("c0000201 c6336402 dc04 01bb"),
                hex("01 0002"), ascii("h2"), hex("02 000b"), ascii("example.com"), hex("05 0003 010203"),
                hex("20"), new byte[] {0, (byte) ssl.length}, ssl, hex("e0 0001 ff"), hex("04 0002 0000"));
        Outcome outcome = parsedHoweverSplit(concat(v2(0x21, 0x11, block), ascii("after")));
        ProxyHeader header = outcome.header();
        assertThat(header.version()).isEqualTo(2);
        assertThat(header.command()).isEqualTo(Command.PROXY);
        assertThat(header.source()).isEqualTo(CLIENT);
        assertThat(header.destination()).isEqualTo(PROXY);
        assertThat(header.alpn()).isEqualTo("h2");
        assertThat(header.authority()).isEqualTo("example.com");
        assertThat(header.uniqueId()).containsExactly(1, 2, 3);
        assertThat(header.tlv(0xE0)).isEqualTo(new ProxyTlv(0xE0, new byte[] {(byte) 0xFF}));
        assertThat(header.tlvs()).extracting(ProxyTlv::type).containsExactly(0x01, 0x02, 0x05, 0x20, 0xE0, 0x04);
        ProxySsl tls = header.ssl();
        assertThat(tls.clientSsl()).isTrue();
        assertThat(tls.clientCertificateVerified()).isTrue();
        assertThat(tls.version()).isEqualTo("TLSv1.3");
        assertThat(tls.commonName()).isEqualTo("alice");
        assertThat(tls.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(tls.signatureAlgorithm()).isNull();
        assertThat(outcome.rest()).isEqualTo("after");
        assertThat(ProxyHeaders.parse(header.encodeV2()).header()).isEqualTo(header);
    }

    @Test
    void whatHAProxySendsForATlsClientWithACertificateReads() throws Exception {
        byte[] sent = getClass().getResourceAsStream("ProxyHeaderParserFuzzTestInputs/headersReadTheSameHoweverSplitAndWriteBack/"
                + "haproxy-send-proxy-v2-tls-client-cert-tlvs-crc32c-then-h2").readAllBytes();
        Outcome outcome = parsedHoweverSplit(sent);
        ProxyHeader header = outcome.header();
        assertThat(header.source()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 0xB14E));
        assertThat(header.alpn()).isEqualTo("h2");
        assertThat(header.authority()).isEqualTo("localhost");
        assertThat(header.tlv(ProxyTlv.CRC32C)).isNotNull();
        ProxySsl tls = header.ssl();
        assertThat(tls.clientSsl()).isTrue();
        assertThat(tls.clientCertificateVerified()).isTrue();
        assertThat(tls.version()).isEqualTo("TLSv1.3");
        assertThat(tls.commonName()).isEqualTo("alice");
        assertThat(tls.keyAlgorithm()).isEqualTo("EC256");
        assertThat(tls.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
        assertThat(tls.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(outcome.rest()).startsWith("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    }

    @Test
    void v2Tcp6Udp4AndUnixAddressesAreRead() {
        byte[] six = concat(hex("20010db8000000000000000000000001 00000000000000000000000000000001 0050 1f90"));
        assertThat(parsedHoweverSplit(v2(0x21, 0x21, six)).header()).isEqualTo(ProxyHeader.v2(
                new IPv6Address(AddressType.TCP, "2001:db8:0:0:0:0:0:1", 80),
                new IPv6Address(AddressType.TCP, "0:0:0:0:0:0:0:1", 8080)));
        assertThat(parsedHoweverSplit(v2(0x21, 0x12, hex("0a000001 0a000002 0035 0036"))).header().source())
                .isEqualTo(new IPv4Address(AddressType.UDP, "10.0.0.1", 53));
        byte[] unix = new byte[216];
        System.arraycopy(ascii("/run/client.sock"), 0, unix, 0, 16);
        System.arraycopy(ascii("/run/haproxy.sock"), 0, unix, 108, 17);
        ProxyHeader header = parsedHoweverSplit(v2(0x21, 0x31, unix)).header();
        assertThat(header.source()).isEqualTo(new UNIXAddress(Path.of("/run/client.sock")));
        assertThat(header.destination()).isEqualTo(new UNIXAddress(Path.of("/run/haproxy.sock")));
        assertThat(ProxyHeaders.parse(header.encodeV2()).header()).isEqualTo(header);
    }

    @Test
    void aUnixPathFillingAll108BytesWithoutItsNulReadsAndWritesBack() {
        byte[] unix = new byte[216];
        Arrays.fill(unix, 0, 108, (byte) 'a');
        unix[0] = '/';
        ProxyHeader header = parsedHoweverSplit(v2(0x21, 0x31, unix)).header();
        assertThat(header.source()).isEqualTo(new UNIXAddress(Path.of("/" + "a".repeat(107))));
        assertThat(header.destination()).isEqualTo(new UNIXAddress(null));
        assertThat(header.encodeV2()).isEqualTo(v2(0x21, 0x31, unix));
        assertThatThrownBy(() -> ProxyHeader.v2(new UNIXAddress(Path.of("/" + "a".repeat(108))), new UNIXAddress(null))
                .encodeV2()).hasMessageEndingWith("is longer than 108 bytes");
    }

    @Test
    void v2LocalAndUnspecifiedGiveNoAddressesSoTheRealOnesStand() {
        Outcome local = parsedHoweverSplit(concat(v2(0x20, 0x00, new byte[0]), ascii("GET")));
        assertThat(local.header()).isEqualTo(new ProxyHeader(2, Command.LOCAL, null, null, List.of()));
        assertThat(local.rest()).isEqualTo("GET");
        // LOCAL with addresses (HAProxy's health checks may send them): read and reported, but not the client's.
        ProxyHeader localWithAddresses = parsedHoweverSplit(v2(0x20, 0x11, hex("7f000001 7f000002 1234 0050"))).header();
        assertThat(localWithAddresses.source()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 0x1234));
        assertThat(localWithAddresses.clientAddress()).isNull();
        assertThat(localWithAddresses.serverAddress()).isNull();
        assertThat(parsedHoweverSplit(v2(0x21, 0x00, hex("01 0002 6832"))).header())
                .isEqualTo(new ProxyHeader(2, Command.PROXY, null, null, List.of(new ProxyTlv(1, ascii("h2")))));
    }

    @Test
    void v2CrcIsChecked() {
        byte[] good = ProxyHeader.v2(CLIENT, PROXY, new ProxyTlv(ProxyTlv.CRC32C, new byte[4])).encodeV2();
        assertThat(parsedHoweverSplit(good).header().source()).isEqualTo(CLIENT);
        byte[] bad = good.clone();
        bad[good.length - 1] ^= 1;
        assertThat(parsedHoweverSplit(bad).error()).startsWith("v2 CRC32C ").endsWith(" does not match the header's "
                + Integer.toHexString(ByteBuffer.wrap(good, good.length - 4, 4).getInt()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0d0a0d0a000d0a51554954 0b | not a PROXY header: byte 11 is 0x0b where v2's signature has 0x0a",
        "0d0d | not a PROXY header: byte 1 is 0x0d where v2's signature has 0x0a",
        "0d0a0d0a000d0a515549540a 11 11 000c | v2 version 1 is not 2",
        "0d0a0d0a000d0a515549540a 22 11 000c 01020304 05060708 0001 0002 | v2 command 2 is neither LOCAL (0) nor PROXY (1)",
        "0d0a0d0a000d0a515549540a 21 13 000c 01020304 05060708 0001 0002 | v2 address family and protocol 0x13 is not one the specification allows",
        "0d0a0d0a000d0a515549540a 21 41 0000 | v2 address family and protocol 0x41 is not one the specification allows",
        "0d0a0d0a000d0a515549540a 21 10 0000 | v2 address family and protocol 0x10 is not one the specification allows",
        "0d0a0d0a000d0a515549540a 21 11 000b 01020304 05060708 0001 00 | v2 length 11 is shorter than the 12 bytes of its addresses",
        "0d0a0d0a000d0a515549540a 21 11 000e 01020304 05060708 0001 0002 01 00 | v2 TLV cut off: 2 bytes left, 3 needed",
        "0d0a0d0a000d0a515549540a 21 11 0010 01020304 05060708 0001 0002 01 0002 68 | v2 TLV 0x1 announces 2 bytes, 1 left",
        "0d0a0d0a000d0a515549540a 21 00 0007 20 0004 01000000 | v2 SSL TLV of 4 bytes is shorter than 5",
        "0d0a0d0a000d0a515549540a 21 00 000b 20 0008 01000000 00 210001 | v2 SSL sub-TLV 0x21 announces 1 bytes, 0 left",
        "0d0a0d0a000d0a515549540a 21 00 0008 20 0005 0100000000 | ",
        "0d0a0d0a000d0a515549540a 21 00 0006 03 0003 000000 | v2 CRC32C TLV must be one, of 4 bytes",
        "0d0a0d0a000d0a515549540a 21 00 4001 | v2 header of 16401 bytes is over the limit of 16384",
    })
    void malformedV2HeadersAreRefusedNamingTheirFault(String bytes, String error) {
        Outcome outcome = parsedHoweverSplit(hex(bytes.strip()));
        if (error == null) {
            assertThat(outcome.error()).isNull();
            assertThat(outcome.header().ssl().clientSsl()).isTrue();
        } else {
            assertThat(outcome.error()).isEqualTo(error);
        }
    }

    @Test
    void theLengthLimitIsAdjustableAndAppliedBeforeTheBytesArrive() throws InvalidProxyHeader {
        ProxyHeaderParser parser = new ProxyHeaderParser().setMaxLength(ProxyHeaderParser.V2_MAX_LENGTH);
        assertThat(parser.parse(ByteBuffer.wrap(hex("0d0a0d0a000d0a515549540a 21 00 ffff 04ff fc")))).isNull();
        assertThat(parser.held()).isEqualTo(19);
        ProxyHeaderParser small = new ProxyHeaderParser().setMaxLength(107);
        assertThatThrownBy(() -> small.parse(ByteBuffer.wrap(hex("0d0a0d0a000d0a515549540a 21 00 005c"))))
                .hasMessage("v2 header of 108 bytes is over the limit of 107");
        assertThatThrownBy(() -> new ProxyHeaderParser().setMaxLength(106)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyHeaderParser().setMaxLength(65552)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersWriteBackAsTheyRead() {
        ProxyHeader v1 = new ProxyHeader(1, Command.PROXY, CLIENT, PROXY, List.of());
        assertThat(new String(v1.encodeV1(), StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n");
        assertThat(ProxyHeaders.parse(v1.encodeV1()).header()).isEqualTo(v1);
        ProxyHeader unknown = new ProxyHeader(1, Command.PROXY, null, null, List.of());
        assertThat(ProxyHeaders.parse(unknown.encodeV1()).header()).isEqualTo(unknown);
        ProxyHeader local = new ProxyHeader(2, Command.LOCAL, null, null, List.of());
        assertThat(local.encodeV2()).isEqualTo(hex("0d0a0d0a000d0a515549540a 20 00 0000"));
        assertThatThrownBy(local::encodeV1).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyHeader(2, Command.PROXY, CLIENT, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProxyHeader.v2(CLIENT, new IPv6Address(AddressType.TCP, "::1", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProxyHeader.v2(new IPv4Address(AddressType.TCP, "example.com", 1), PROXY).encodeV2())
                .hasMessageContaining("is not an IPv4 literal");
    }
}
