package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.CacheResolver;
import org.twisted4j.names.DnsFormatError;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.Resolver;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.authority.Authority;

/**
 * Fuzzes the server with whole query messages, over UDP and TCP, against the interop tests' zone (every record
 * type, a wildcard, a delegation, a large RRset).
 *
 * <p>Invariants: answering never throws; nothing answers a message shorter than a header or marked as a
 * response; every response parses, has QR set and the query's ID; over UDP there is at most one, within 512
 * bytes without EDNS and the offered payload with it; over TCP each is within 65535 bytes. The second target
 * checks the same of a recursive server with a cache.
 */
class DNSServerFactoryFuzzTest {

    private static final DNSServerFactory SERVER = new DNSServerFactory(
            List.of(new Authority(org.twisted4j.names.authority.Zone.fromFile(DigInteropTest.zoneFile()))))
            .setAllowTransfer(List.of("192.0.2.100"));

    /** Names starting with "a" exist (one A record of a random TTL), others do not (NXDOMAIN with an SOA). */
    private static final Resolver UPSTREAM = query -> {
        if (query.name().isRoot() || !query.name().label(0).startsWith("a")) {
            return Deferred.fail(new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN).query(query)
                    .authority(ResourceRecord.of(Name.of("test"), 600, new SoaRecord(Name.of("ns.test"),
                            Name.of("admin.test"), 1, 2, 3, 4, 60))).build()));
        }
        return Deferred.succeed(new LookupResult(List.of(ResourceRecord.of(query.name(), query.name().hashCode() & 0xFF,
                ARecord.of("192.0.2.9"))), List.of(), List.of()));
    };
    private static final Clock CLOCK = new Clock();
    private static final DNSServerFactory RECURSIVE = new DNSServerFactory(
            List.of(new Authority(org.twisted4j.names.authority.Zone.fromFile(DigInteropTest.zoneFile()))),
            new CacheResolver(CLOCK).setMaxEntries(64), List.of(UPSTREAM));

    @FuzzTest
    void answersEveryDatagramWithinLimitsWithoutThrowing(byte[] input) {
        check(SERVER, input);
    }

    /**
     * The same invariants for a recursive server with a cache, whose resolver answers at once; every answer has the
     * RA bit, and the clock moves a second per input so that cache entries expire.
     */
    @FuzzTest
    void recursiveServerAnswersEveryDatagramWithinLimits(byte[] input) {
        CLOCK.advance(1);
        for (Message response : check(RECURSIVE, input)) {
            assertThat(response.recursionAvailable()).isTrue();
        }
    }

    private static List<Message> check(DNSServerFactory server, byte[] input) {
        List<Message> all = new java.util.ArrayList<>();
        for (boolean stream : new boolean[] {false, true}) {
            List<byte[]> responses = server.handle(input, DNSServerFactoryTest.CLIENT, stream);
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
                if (response.length > 12) {
                    all.add(parsed);
                }
            }
        }
        return all;
    }
}
