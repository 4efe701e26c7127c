package org.twisted4j.testing.protocols.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.protocols.haproxy.InvalidProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeaderParser;
import org.twisted4j.protocols.haproxy.ProxyTlv;
import org.twisted4j.testing.Chunks;

/**
 * Fuzzes the PROXY header parser ({@link ProxyHeaderParser}) with a connection's first bytes, under a length
 * limit and a largest read drawn from the input's last bytes. Whatever the bytes:
 * <ul>
 *   <li>only {@link InvalidProxyHeader} escapes, and then the parser holds nothing;</li>
 *   <li>the header, the bytes left after it, or the error message are the same whether the bytes arrive in
 *       one read or split anywhere;</li>
 *   <li>while incomplete, what is held is within the limit (107 bytes for a version 1 line); a header read
 *       is never longer than the limit;</li>
 *   <li>a header read writes back, in its version, to bytes that read as the same header (a CRC32C field is
 *       recomputed for the bytes written, so its value is left out of the comparison, as is a UNIX path
 *       the {@code Path} type normalised); a version 1 header also reads the same from version 2.</li>
 * </ul>
 */
class ProxyHeaderParserFuzzTest {

    /** What one parse gave. */
    private record Outcome(@Nullable ProxyHeader header, int consumed, List<Byte> rest, @Nullable String error) {
    }

    @FuzzTest
    void headersReadTheSameHoweverSplitAndWriteBack(FuzzedDataProvider data) {
        int maxLength = ProxyHeaderParser.V1_MAX_LENGTH + data.consumeInt(0, 2048);
        int largest = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();

        Outcome whole = parse(input, maxLength, receiver -> Chunks.whole(input, receiver));
        Outcome split = parse(input, maxLength, receiver -> Chunks.split(input, largest, Arrays.hashCode(input), receiver));
        assertThat(split).isEqualTo(whole);

        ProxyHeader header = whole.header();
        if (header == null) {
            return;
        }
        assertThat(whole.consumed()).isLessThanOrEqualTo(header.version() == 1 ? ProxyHeaderParser.V1_MAX_LENGTH
                : maxLength);
        byte[] written = header.version() == 1 ? header.encodeV1() : header.encodeV2();
        assertThat(comparable(reread(written))).isEqualTo(comparable(header));
        if (header.version() == 1) {
            ProxyHeader fromV2 = reread(header.encodeV2());
            assertThat(fromV2.source()).isEqualTo(header.source());
            assertThat(fromV2.destination()).isEqualTo(header.destination());
        }
    }

    private interface Delivery {
        void deliver(Consumer<ByteBuffer> receiver);
    }

    private static Outcome parse(byte[] input, int maxLength, Delivery delivery) {
        ProxyHeaderParser parser = new ProxyHeaderParser().setMaxLength(maxLength);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        ProxyHeader[] header = new ProxyHeader[1];
        String[] error = new String[1];
        int[] consumed = new int[1];
        delivery.deliver(read -> {
            if (error[0] != null) {
                return;
            }
            if (header[0] == null) {
                int before = read.remaining();
                try {
                    header[0] = parser.parse(read);
                } catch (InvalidProxyHeader e) {
                    error[0] = e.getMessage();
                    consumed[0] = -1; // how much of the failing read was looked at is not part of the contract
                    assertThat(parser.held()).isZero();
                    return;
                }
                consumed[0] += before - read.remaining();
                if (header[0] == null) {
                    assertThat(read.hasRemaining()).isFalse();
                    assertThat(parser.held()).isLessThanOrEqualTo(maxLength).isEqualTo(consumed[0]);
                    if (input[0] == 'P') {
                        assertThat(parser.held()).isLessThan(ProxyHeaderParser.V1_MAX_LENGTH);
                    }
                }
            }
            byte[] left = new byte[read.remaining()];
            read.get(left);
            rest.writeBytes(left);
        });
        Byte[] boxed = new Byte[rest.size()];
        byte[] bytes = rest.toByteArray();
        Arrays.setAll(boxed, i -> bytes[i]);
        return new Outcome(header[0], consumed[0], List.of(boxed), error[0]);
    }

    private static ProxyHeader reread(byte[] written) {
        try {
            ProxyHeaderParser parser = new ProxyHeaderParser().setMaxLength(ProxyHeaderParser.V2_MAX_LENGTH);
            ByteBuffer bytes = ByteBuffer.wrap(written);
            ProxyHeader again = parser.parse(bytes);
            assertThat(again).isNotNull();
            assertThat(bytes.hasRemaining()).isFalse();
            return again;
        } catch (InvalidProxyHeader e) {
            throw new AssertionError("a header written back does not read: " + e.getMessage(), e);
        }
    }

    /** The header with CRC32C values zeroed and UNIX paths normalised, for comparison. */
    private static ProxyHeader comparable(ProxyHeader header) {
        List<ProxyTlv> tlvs = header.tlvs().stream()
                .map(tlv -> tlv.type() == ProxyTlv.CRC32C ? new ProxyTlv(ProxyTlv.CRC32C, new byte[4]) : tlv)
                .toList();
        return new ProxyHeader(header.version(), header.command(), normalised(header.source()),
                normalised(header.destination()), tlvs);
    }

    private static @Nullable Address normalised(@Nullable Address address) {
        return address instanceof UNIXAddress unix && unix.path() != null
                ? new UNIXAddress(unix.path().normalize()) : address;
    }
}
