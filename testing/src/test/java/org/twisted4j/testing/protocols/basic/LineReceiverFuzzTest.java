package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.testing.Chunks;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes {@link LineReceiver} with a script in its lines: {@code RAW n} reads the next n bytes raw and then
 * goes back to lines, {@code PAUSE} pauses delivery until the read that held it is over. The last two bytes of the
 * input choose the delimiter ({@code \r\n}, {@code \n}, or the self-overlapping {@code ::} and
 * {@code \r\n\r\n}), the longest line and the largest read. Whatever the bytes:
 * <ul>
 *   <li>the lines, raw bytes and length reports are the same in one read as split anywhere;</li>
 *   <li>no line delivered is longer than the limit or holds the delimiter, and a line too long goes to
 *       {@code lineLengthExceeded}, which closes the connection: nothing is delivered after it;</li>
 *   <li>after each read, unless paused or closing, less than the limit plus the delimiter is buffered;</li>
 *   <li>the lines, sent with {@code sendLine}, read back as the same lines.</li>
 * </ul>
 */
class LineReceiverFuzzTest {

    static final List<byte[]> DELIMITERS = List.of(bytes("\r\n"), bytes("\n"), bytes("::"), bytes("\r\n\r\n"));

    /** Records what it receives; with its script on, obeys {@code RAW n} and {@code PAUSE} lines. */
    private static final class Scripted extends LineReceiver {
        final Delivered delivered = new Delivered();
        private final boolean script;
        private int rawLeft;

        Scripted(byte[] delimiter, int maxLength, boolean script) {
            setDelimiter(delimiter);
            setMaxLength(maxLength);
            this.script = script;
            makeConnection(new StringTransport());
        }

        @Override
        protected void lineReceived(byte[] line) {
            assertThat(line.length).isLessThanOrEqualTo(maxLength());
            assertThat(indexOf(line, delimiter())).isNegative();
            assertThat(transport().isDisconnecting()).isFalse();
            delivered.message(line);
            String text = new String(line, US_ASCII);
            if (script && text.matches("RAW \\d{1,4}")) {
                rawLeft = Integer.parseInt(text.substring(4));
                if (rawLeft > 0) {
                    setRawMode();
                }
            } else if (script && text.equals("PAUSE")) {
                pauseProducing();
            }
        }

        @Override
        protected void rawDataReceived(ByteBuffer data) {
            ByteBuffer raw = data.slice(data.position(), Math.min(rawLeft, data.remaining()));
            delivered.raw(raw);
            data.position(data.position() + raw.remaining());
            rawLeft -= raw.remaining();
            if (rawLeft == 0) {
                setLineMode(data);
            }
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            assertThat(transport().isDisconnecting()).isFalse();
            delivered.report("too long");
            super.lineLengthExceeded(line);
        }

        /** What the test does after each read: resume delivery until nothing pauses it, and check what is buffered. */
        void afterRead() {
            while (isPaused() && !transport().isDisconnecting()) {
                resumeProducing();
            }
            if (!isPaused() && !transport().isDisconnecting() && isLineMode()) {
                assertThat(bufferedBytes()).isLessThan(maxLength() + delimiter().length);
            }
        }

        byte[] written() {
            return ((StringTransport) transport()).value();
        }
    }

    @FuzzTest
    void linesAreTheSameHoweverSplit(FuzzedDataProvider data) {
        int settings = data.consumeInt(0, 0xFFFF);
        byte[] delimiter = DELIMITERS.get(settings & 3);
        int maxLength = 255 - (settings >>> 2 & 0xFF);
        int largest = 1 + (settings >>> 10);
        byte[] input = data.consumeRemainingAsBytes();

        Scripted whole = new Scripted(delimiter, maxLength, true);
        Chunks.whole(input, read -> {
            whole.dataReceived(read);
            whole.afterRead();
        });
        Scripted split = new Scripted(delimiter, maxLength, true);
        Chunks.split(input, largest, Arrays.hashCode(input), read -> {
            split.dataReceived(read);
            split.afterRead();
        });
        assertThat(split.delivered.events()).isEqualTo(whole.delivered.events());

        Scripted writer = new Scripted(delimiter, maxLength, false);
        whole.delivered.messages().forEach(writer::sendLine);
        Scripted reader = new Scripted(delimiter, maxLength, false);
        Chunks.split(writer.written(), largest, settings, reader::dataReceived);
        assertThat(reader.delivered.messages()).containsExactlyElementsOf(whole.delivered.messages());
    }

    static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    /** Returns where {@code part} first occurs in {@code whole}, or -1. */
    static int indexOf(byte[] whole, byte[] part) {
        for (int i = 0; i + part.length <= whole.length; i++) {
            if (Arrays.equals(whole, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
