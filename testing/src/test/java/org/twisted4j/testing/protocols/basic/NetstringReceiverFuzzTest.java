package org.twisted4j.testing.protocols.basic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twisted4j.protocols.basic.NetstringParseError;
import org.twisted4j.protocols.basic.NetstringReceiver;
import org.twisted4j.testing.Chunks;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes {@link NetstringReceiver}. The last two bytes of the input choose the longest string and the largest
 * read. Whatever the bytes:
 * <ul>
 *   <li>the strings and the parse error (its reason) are the same in one read as split anywhere;</li>
 *   <li>no string delivered is longer than the limit, and a length over the limit is a
 *       {@link NetstringParseError.Reason#TOO_LONG} error, after which the peer is broken and nothing more
 *       is delivered;</li>
 *   <li>pieces of the input sent with {@code sendString} read back as the same strings, however split.</li>
 * </ul>
 */
class NetstringReceiverFuzzTest {

    private static final class Recorded extends NetstringReceiver {
        final Delivered delivered = new Delivered();

        Recorded(int maxLength) {
            setMaxLength(maxLength);
            makeConnection(new StringTransport());
        }

        @Override
        protected void stringReceived(byte[] string) {
            assertThat(string.length).isLessThanOrEqualTo(maxLength());
            assertThat(isBrokenPeer()).isFalse();
            delivered.message(string);
        }

        @Override
        protected void netstringParseError(NetstringParseError error) {
            assertThat(isBrokenPeer()).isTrue();
            delivered.report("error " + error.reason());
            super.netstringParseError(error);
        }

        byte[] written() {
            return ((StringTransport) transport()).value();
        }
    }

    @FuzzTest
    void netstringsAreTheSameHoweverSplit(FuzzedDataProvider data) {
        int settings = data.consumeInt(0, 0xFFFF);
        int maxLength = 1023 - (settings & 0x3FF);
        int largest = 1 + (settings >>> 10);
        byte[] input = data.consumeRemainingAsBytes();

        Recorded whole = new Recorded(maxLength);
        Chunks.whole(input, whole::dataReceived);
        Recorded split = new Recorded(maxLength);
        Chunks.split(input, largest, Arrays.hashCode(input), split::dataReceived);
        assertThat(split.delivered.events()).isEqualTo(whole.delivered.events());

        Recorded writer = new Recorded(NetstringReceiver.DEFAULT_MAX_LENGTH);
        List<byte[]> pieces = new ArrayList<>();
        Chunks.split(input, largest, settings, piece -> {
            pieces.add(bytes(piece));
            writer.sendString(bytes(piece));
        });
        Recorded reader = new Recorded(NetstringReceiver.DEFAULT_MAX_LENGTH);
        Chunks.split(writer.written(), largest, Arrays.hashCode(input), reader::dataReceived);
        assertThat(reader.delivered.messages()).containsExactlyElementsOf(pieces);
        assertThat(reader.isBrokenPeer()).isFalse();
    }

    static byte[] bytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
