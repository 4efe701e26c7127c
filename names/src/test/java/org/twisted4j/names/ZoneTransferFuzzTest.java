package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Failure;
import org.twisted4j.names.authority.SecondaryAuthority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.names.authority.ZoneFileError;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes what a primary sends back for a zone transfer: the stream of length-framed messages read by
 * {@link ZoneTransfer}'s exchange, cut at fuzzed points, then the zone made of the records.
 *
 * <p>Invariants: reading never throws; the exchange ends at most once, with the records or with a
 * {@link DnsFormatError}, a {@link DnsResponseError} or the connection's loss; records end the exchange only
 * when they start and end with an SOA, and never over {@link ZoneTransfer#MAX_RECORDS}; the same bytes in one
 * piece give the same outcome; the zone built from them is made or refused with {@link ZoneFileError} only,
 * and when made its SOA is the transfer's first record.
 */
class ZoneTransferFuzzTest {

    private static final Name DOMAIN = Name.of("example.test");
    private static final Message QUERY = Message.builder().id(0x1234)
            .query(new Query(DOMAIN, RecordType.AXFR, 1)).build();

    private static List<Object> run(byte[] stream, List<Integer> cuts) {
        List<Object> outcomes = new ArrayList<>();
        ZoneTransfer.Exchange exchange = new ZoneTransfer.Exchange(QUERY, true, outcomes::add, outcomes::add);
        exchange.makeConnection(new StringTransport());
        int at = 0;
        for (int cut : cuts) {
            exchange.dataReceived(ByteBuffer.wrap(stream, at, cut - at));
            at = cut;
        }
        exchange.dataReceived(ByteBuffer.wrap(stream, at, stream.length - at));
        exchange.connectionLost(new Failure(new java.io.IOException("closed")));
        return outcomes;
    }

    @FuzzTest
    void transferStreamsEndOnceWithAZoneOrADocumentedError(FuzzedDataProvider data) {
        List<Integer> cuts = new ArrayList<>();
        int pieces = data.consumeInt(0, 8);
        byte[] stream = data.consumeRemainingAsBytes();
        for (int i = 0; i < pieces && stream.length > 0; i++) {
            cuts.add((Math.abs(stream[i % stream.length] * 7919 + i * 31)) % (stream.length + 1));
        }
        cuts.sort(null);
        List<Object> outcome = run(stream, cuts);
        assertThat(outcome).hasSize(1);
        Object result = outcome.get(0);
        List<Object> whole = run(stream, List.of());
        assertThat(whole).hasSize(1);
        assertThat(whole.get(0).getClass()).isEqualTo(result.getClass());
        if (result instanceof Throwable error) {
            assertThat(error).isInstanceOfAny(DnsFormatError.class, DnsResponseError.class,
                    java.io.IOException.class);
            return;
        }
        assertThat(whole.get(0)).isEqualTo(result);
        @SuppressWarnings("unchecked")
        List<ResourceRecord> records = (List<ResourceRecord>) result;
        assertThat(records.size()).isBetween(2, ZoneTransfer.MAX_RECORDS);
        assertThat(records.get(0).type()).isEqualTo(RecordType.SOA);
        assertThat(records.get(records.size() - 1).type()).isEqualTo(RecordType.SOA);
        try {
            Zone zone = SecondaryAuthority.fromTransfer(DOMAIN, records);
            assertThat(zone.soa().data()).isEqualTo((SoaRecord) records.get(0).data());
            assertThat(zone.origin()).isEqualTo(DOMAIN);
        } catch (ZoneFileError expected) {
            // refused: not the zone's SOA at both ends, or a record outside it
        }
    }
}
