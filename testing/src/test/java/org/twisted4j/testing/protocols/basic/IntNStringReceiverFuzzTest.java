package org.twisted4j.testing.protocols.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twisted4j.protocols.basic.Int16StringReceiver;
import org.twisted4j.protocols.basic.Int32StringReceiver;
import org.twisted4j.protocols.basic.Int8StringReceiver;
import org.twisted4j.protocols.basic.IntNStringReceiver;
import org.twisted4j.protocols.basic.StringTooLongException;
import org.twisted4j.testing.Chunks;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes {@link Int8StringReceiver}, {@link Int16StringReceiver} and {@link Int32StringReceiver}; an empty
 * string pauses delivery until the read that held it is over. The last two bytes of the input choose the
 * prefix, the longest string and the largest read. Whatever the bytes:
 * <ul>
 *   <li>the strings and length reports are the same in one read as split anywhere;</li>
 *   <li>no string delivered is longer than the limit; a prefix announcing more goes to
 *       {@code lengthLimitExceeded} with a length over the limit that the prefix can hold, which closes the
 *       connection: nothing is delivered after it;</li>
 *   <li>pieces of the input sent with {@code sendString} read back as the same strings, however split; the
 *       whole input sent as one string does too, or is a {@link StringTooLongException} exactly when the
 *       prefix cannot hold its length.</li>
 * </ul>
 */
class IntNStringReceiverFuzzTest {

    /** The receiver's side of the recording: the subclasses of the three sealed kinds share it. */
    private static final class Recording {
        final Delivered delivered = new Delivered();

        void received(IntNStringReceiver receiver, byte[] string) {
            assertThat(string.length).isLessThanOrEqualTo(receiver.maxLength());
            assertThat(receiver.transport().isDisconnecting()).isFalse();
            delivered.message(string);
            if (string.length == 0) {
                receiver.pauseProducing();
            }
        }

        void exceeded(IntNStringReceiver receiver, long length) {
            assertThat(length).isGreaterThan(receiver.maxLength()).isLessThan(1L << 8 * receiver.prefixLength());
            assertThat(receiver.transport().isDisconnecting()).isFalse();
            delivered.report("too long");
        }
    }

    private static final class Int8 extends Int8StringReceiver {
        final Recording recording = new Recording();

        @Override
        protected void stringReceived(byte[] string) {
            recording.received(this, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            recording.exceeded(this, length);
            super.lengthLimitExceeded(length);
        }
    }

    private static final class Int16 extends Int16StringReceiver {
        final Recording recording = new Recording();

        @Override
        protected void stringReceived(byte[] string) {
            recording.received(this, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            recording.exceeded(this, length);
            super.lengthLimitExceeded(length);
        }
    }

    private static final class Int32 extends Int32StringReceiver {
        final Recording recording = new Recording();

        @Override
        protected void stringReceived(byte[] string) {
            recording.received(this, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            recording.exceeded(this, length);
            super.lengthLimitExceeded(length);
        }
    }

    private static IntNStringReceiver receiver(int kind, int maxLength) {
        IntNStringReceiver receiver = switch (kind) {
            case 1 -> new Int16();
            case 2 -> new Int8();
            default -> new Int32();
        };
        receiver.setMaxLength(maxLength);
        receiver.makeConnection(new StringTransport());
        return receiver;
    }

    private static Delivered delivered(IntNStringReceiver receiver) {
        return switch (receiver) {
            case Int8 int8 -> int8.recording.delivered;
            case Int16 int16 -> int16.recording.delivered;
            case Int32 int32 -> int32.recording.delivered;
            default -> throw new IllegalArgumentException(receiver.toString());
        };
    }

    /** Delivers a read, then resumes delivery until nothing pauses it. */
    private static void read(IntNStringReceiver receiver, ByteBuffer data) {
        receiver.dataReceived(data);
        while (receiver.isPaused() && !receiver.transport().isDisconnecting()) {
            receiver.resumeProducing();
        }
    }

    @FuzzTest
    void stringsAreTheSameHoweverSplit(FuzzedDataProvider data) {
        int settings = data.consumeInt(0, 0xFFFF);
        int kind = settings & 3;
        int maxLength = 255 - (settings >>> 2 & 0xFF);
        int largest = 1 + (settings >>> 10);
        byte[] input = data.consumeRemainingAsBytes();

        IntNStringReceiver whole = receiver(kind, maxLength);
        Chunks.whole(input, chunk -> read(whole, chunk));
        IntNStringReceiver split = receiver(kind, maxLength);
        Chunks.split(input, largest, Arrays.hashCode(input), chunk -> read(split, chunk));
        assertThat(delivered(split).events()).isEqualTo(delivered(whole).events());

        IntNStringReceiver writer = receiver(kind, IntNStringReceiver.DEFAULT_MAX_LENGTH);
        List<byte[]> sent = new ArrayList<>();
        Chunks.split(input, largest, settings, piece -> {
            sent.add(NetstringReceiverFuzzTest.bytes(piece));
            writer.sendString(sent.getLast());
        });
        if (input.length >= 1L << 8 * writer.prefixLength()) {
            assertThatThrownBy(() -> writer.sendString(input)).isInstanceOf(StringTooLongException.class);
        } else {
            writer.sendString(input);
            sent.add(input);
        }
        IntNStringReceiver reader = receiver(kind, IntNStringReceiver.DEFAULT_MAX_LENGTH);
        Chunks.split(((StringTransport) writer.transport()).value(), largest, settings, chunk -> read(reader, chunk));
        assertThat(delivered(reader).messages()).containsExactlyElementsOf(sent);
    }
}
