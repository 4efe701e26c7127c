package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.protocols.basic.Int16StringReceiver;
import org.twisted4j.protocols.basic.Int32StringReceiver;
import org.twisted4j.protocols.basic.Int8StringReceiver;
import org.twisted4j.protocols.basic.IntNStringReceiver;
import org.twisted4j.protocols.basic.StringTooLongException;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;

class IntNStringReceiverTest {

    /** What the tests record from any of the three receivers. */
    static final class Log {
        final List<String> strings = new ArrayList<>();
        final List<Long> exceeded = new ArrayList<>();
        boolean pauseAfterEach;
        boolean closeOnQuit;
    }

    static final class Int8 extends Int8StringReceiver {
        final Log log = new Log();

        @Override
        protected void stringReceived(byte[] string) {
            record(this, log, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            log.exceeded.add(length);
        }
    }

    static final class Int16 extends Int16StringReceiver {
        final Log log = new Log();

        @Override
        protected void stringReceived(byte[] string) {
            record(this, log, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            log.exceeded.add(length);
        }
    }

    static final class Int32 extends Int32StringReceiver {
        final Log log = new Log();

        @Override
        protected void stringReceived(byte[] string) {
            record(this, log, string);
        }

        @Override
        protected void lengthLimitExceeded(long length) {
            log.exceeded.add(length);
        }
    }

    static void record(IntNStringReceiver receiver, Log log, byte[] string) {
        String text = new String(string, ISO_8859_1);
        log.strings.add(text);
        if (log.pauseAfterEach) {
            receiver.pauseProducing();
        }
        if (text.equals("quit") && log.closeOnQuit) {
            receiver.transport().loseConnection();
        }
    }

    static Log log(IntNStringReceiver receiver) {
        return switch (receiver) {
            case Int8 r -> r.log;
            case Int16 r -> r.log;
            case Int32 r -> r.log;
            default -> throw new AssertionError(receiver);
        };
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("int8", (Supplier<IntNStringReceiver>) Int8::new, 1),
                Arguments.of("int16", (Supplier<IntNStringReceiver>) Int16::new, 2),
                Arguments.of("int32", (Supplier<IntNStringReceiver>) Int32::new, 4));
    }

    private static IntNStringReceiver connected(Supplier<IntNStringReceiver> kind) {
        IntNStringReceiver receiver = kind.get();
        receiver.makeConnection(new StringTransport());
        return receiver;
    }

    private static byte[] frame(int prefixLength, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = payload.length();
        for (int i = prefixLength - 1; i >= 0; i--) {
            out.write((int) (length >>> (8 * i)) & 0xff);
        }
        out.writeBytes(payload.getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sendStringWritesABigEndianPrefixThenTheBytes(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        IntNStringReceiver receiver = connected(kind);
        receiver.sendString("foo".getBytes(ISO_8859_1));
        assertThat(((StringTransport) receiver.transport()).value()).isEqualTo(frame(prefix, "foo"));
        assertThat(receiver.prefixLength()).isEqualTo(prefix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void stringsSplitAtEveryBytePositionArriveWhole(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> sent = List.of("a", "", "b".repeat(200), "last one");
        sent.forEach(s -> stream.writeBytes(frame(prefix, s)));
        byte[] all = stream.toByteArray();
        for (int split = 0; split <= all.length; split++) {
            IntNStringReceiver receiver = connected(kind);
            receiver.dataReceived(ByteBuffer.wrap(all, 0, split));
            receiver.dataReceived(ByteBuffer.wrap(all, split, all.length - split));
            assertThat(log(receiver).strings).as("split at %d", split).containsExactlyElementsOf(sent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void stringsFedOneByteAtATimeArriveWhole(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        IntNStringReceiver receiver = connected(kind);
        byte[] all = frame(prefix, "hello there");
        for (byte b : all) {
            assertThat(log(receiver).strings).isEmpty();
            receiver.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(log(receiver).strings).containsExactly("hello there");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void roundTripThroughALoopbackConnection(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        IntNStringReceiver server = kind.get();
        IntNStringReceiver client = kind.get();
        IOPump pump = IOPump.connectedLoopback(server, client);
        client.sendString("ping".getBytes(ISO_8859_1));
        client.sendString(new byte[0]);
        server.sendString("x".repeat(255).getBytes(ISO_8859_1));
        pump.flush();
        assertThat(log(server).strings).containsExactly("ping", "");
        assertThat(log(client).strings).containsExactly("x".repeat(255));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void prefixAboveMaxLengthIsReportedBeforeTheStringArrives(String name, Supplier<IntNStringReceiver> kind,
            int prefix) {
        IntNStringReceiver receiver = connected(kind);
        receiver.setMaxLength(10);
        receiver.dataReceived(ByteBuffer.wrap(frame(prefix, "0123456789")));
        byte[] tooLong = frame(prefix, "01234567890");
        receiver.dataReceived(ByteBuffer.wrap(tooLong, 0, prefix));
        assertThat(log(receiver).strings).containsExactly("0123456789");
        assertThat(log(receiver).exceeded).containsExactly(11L);
        receiver.dataReceived(ByteBuffer.wrap(tooLong, prefix, tooLong.length - prefix));
        assertThat(log(receiver).strings).containsExactly("0123456789");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void prefixAboveMaxLengthClosesTheConnectionByDefault(String name, Supplier<IntNStringReceiver> kind,
            int prefix) {
        List<String> strings = new ArrayList<>();
        IntNStringReceiver receiver = switch (prefix) {
            case 1 -> new Int8StringReceiver() {
                @Override
                protected void stringReceived(byte[] string) {
                    strings.add(new String(string, ISO_8859_1));
                }
            };
            case 2 -> new Int16StringReceiver() {
                @Override
                protected void stringReceived(byte[] string) {
                    strings.add(new String(string, ISO_8859_1));
                }
            };
            default -> new Int32StringReceiver() {
                @Override
                protected void stringReceived(byte[] string) {
                    strings.add(new String(string, ISO_8859_1));
                }
            };
        };
        StringTransport transport = new StringTransport();
        receiver.makeConnection(transport);
        receiver.setMaxLength(5);
        receiver.dataReceived(ByteBuffer.wrap(frame(prefix, "123456")));
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(strings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void pausingHoldsBackStringsAlreadyRead(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        IntNStringReceiver receiver = connected(kind);
        log(receiver).pauseAfterEach = true;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(prefix, "one"));
        stream.writeBytes(frame(prefix, "two"));
        receiver.dataReceived(ByteBuffer.wrap(stream.toByteArray()));
        assertThat(log(receiver).strings).containsExactly("one");
        assertThat(((StringTransport) receiver.transport()).producerState()).isEqualTo(ProducerState.PAUSED);
        receiver.resumeProducing();
        assertThat(log(receiver).strings).containsExactly("one", "two");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void stringsAfterTheOneThatClosedTheConnectionAreNotDelivered(String name, Supplier<IntNStringReceiver> kind,
            int prefix) {
        IntNStringReceiver receiver = connected(kind);
        log(receiver).closeOnQuit = true;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(prefix, "quit"));
        stream.writeBytes(frame(prefix, "more"));
        receiver.dataReceived(ByteBuffer.wrap(stream.toByteArray()));
        assertThat(log(receiver).strings).containsExactly("quit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sendingMoreThanThePrefixCanSayIsRefused(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        if (prefix == 4) {
            return;
        }
        IntNStringReceiver receiver = connected(kind);
        int most = (1 << (8 * prefix)) - 1;
        receiver.sendString(new byte[most]);
        assertThatThrownBy(() -> receiver.sendString(new byte[most + 1]))
                .isInstanceOf(StringTooLongException.class)
                .hasMessageContaining(String.valueOf(most));
        assertThat(((StringTransport) receiver.transport()).value()).hasSize(prefix + most);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void prefixIsReadAsAnUnsignedNumber(String name, Supplier<IntNStringReceiver> kind, int prefix) {
        IntNStringReceiver receiver = connected(kind);
        receiver.setMaxLength(10);
        byte[] allOnes = new byte[prefix];
        Arrays.fill(allOnes, (byte) 0xff);
        receiver.dataReceived(ByteBuffer.wrap(allOnes));
        long expected = (1L << (8 * prefix)) - 1;
        assertThat(log(receiver).exceeded).containsExactly(expected);
    }
}
