package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.twisted4j.names.DnsFormatError;
import org.twisted4j.names.Message;
import org.twisted4j.names.authority.Authority;

/**
 * Fuzzes the server with whole query messages, over UDP and TCP, against the interop tests' zone (every record
 * type, a wildcard, a delegation, a large RRset).
 *
 * <p>Invariants: answering never throws; nothing answers a message shorter than a header or marked as a
 * response; every response parses, has QR set and the query's ID; over UDP there is at most one, within 512
 * bytes without EDNS and the offered payload with it; over TCP each is within 65535 bytes.
 */
class DNSServerFactoryFuzzTest {

    private static final DNSServerFactory SERVER = new DNSServerFactory(
            List.of(new Authority(org.twisted4j.names.authority.Zone.fromFile(DigInteropTest.zoneFile()))))
            .setAllowTransfer(List.of("192.0.2.100"));

    @FuzzTest
    void answersEveryDatagramWithinLimitsWithoutThrowing(byte[] input) {
        for (boolean stream : new boolean[] {false, true}) {
            List<byte[]> responses = SERVER.handle(input, DNSServerFactoryTest.CLIENT, stream);
            if (input.length < 12 || (input[2] & 0x80) != 0) {
                assertThat(responses).isEmpty();
                continue;
            }
            if (!stream) {
                assertThat(responses).hasSizeLessThanOrEqualTo(1);
            }
            int limit = stream ? Message.MAX_MESSAGE : Message.UDP_PAYLOAD_WITHOUT_EDNS;
            try {
                Message query = Message.parse(input);
                limit = stream ? Message.MAX_MESSAGE : Math.min(query.maxPayload(), DNSServerFactory.EDNS_PAYLOAD);
                limit = Math.max(limit, Message.UDP_PAYLOAD_WITHOUT_EDNS);
            } catch (DnsFormatError e) {
                // Answered from the header alone.
            }
            for (byte[] response : responses) {
                assertThat(response.length).isLessThanOrEqualTo(limit);
                Message parsed = Message.parse(response);
                assertThat(parsed.response()).isTrue();
                assertThat(parsed.id()).isEqualTo(((input[0] & 0xFF) << 8) | (input[1] & 0xFF));
            }
        }
    }
}
