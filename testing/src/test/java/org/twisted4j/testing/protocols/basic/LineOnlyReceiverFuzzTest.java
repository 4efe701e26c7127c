package org.twisted4j.testing.protocols.basic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.twisted4j.protocols.basic.LineOnlyReceiver;
import org.twisted4j.testing.Chunks;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes {@link LineOnlyReceiver}. The last two bytes of the input choose the delimiter (as for
 * {@link LineReceiverFuzzTest}), the longest line and the largest read. Whatever the bytes:
 * <ul>
 *   <li>the lines and length reports are the same in one read as split anywhere;</li>
 *   <li>no line delivered is longer than the limit or holds the delimiter; what goes to
 *       {@code lineLengthExceeded} is longer than the limit, and as it closes the connection nothing is
 *       delivered after it;</li>
 *   <li>the lines, sent with {@code sendLine}, read back as the same lines.</li>
 * </ul>
 */
class LineOnlyReceiverFuzzTest {

    private static final class Recorded extends LineOnlyReceiver {
        final Delivered delivered = new Delivered();

        Recorded(byte[] delimiter, int maxLength) {
            setDelimiter(delimiter);
            setMaxLength(maxLength);
            makeConnection(new StringTransport());
        }

        @Override
        protected void lineReceived(byte[] line) {
            assertThat(line.length).isLessThanOrEqualTo(maxLength());
            assertThat(LineReceiverFuzzTest.indexOf(line, delimiter())).isNegative();
            assertThat(transport().isDisconnecting()).isFalse();
            delivered.message(line);
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            assertThat(line.length).isGreaterThan(maxLength());
            assertThat(transport().isDisconnecting()).isFalse();
            delivered.report("too long");
            super.lineLengthExceeded(line);
        }

        byte[] written() {
            return ((StringTransport) transport()).value();
        }
    }

    @FuzzTest
    void linesAreTheSameHoweverSplit(FuzzedDataProvider data) {
        int settings = data.consumeInt(0, 0xFFFF);
        byte[] delimiter = LineReceiverFuzzTest.DELIMITERS.get(settings & 3);
        int maxLength = 255 - (settings >>> 2 & 0xFF);
        int largest = 1 + (settings >>> 10);
        byte[] input = data.consumeRemainingAsBytes();

        Recorded whole = new Recorded(delimiter, maxLength);
        Chunks.whole(input, whole::dataReceived);
        Recorded split = new Recorded(delimiter, maxLength);
        Chunks.split(input, largest, Arrays.hashCode(input), split::dataReceived);
        assertThat(split.delivered.events()).isEqualTo(whole.delivered.events());

        Recorded writer = new Recorded(delimiter, maxLength);
        whole.delivered.messages().forEach(writer::sendLine);
        Recorded reader = new Recorded(delimiter, maxLength);
        Chunks.split(writer.written(), largest, settings, reader::dataReceived);
        assertThat(reader.delivered.messages()).containsExactlyElementsOf(whole.delivered.messages());
    }
}
