package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;

class LineReceiverTest {

    /** Records lines; "len N" announces N raw bytes that follow an empty line; "pause" pauses until the clock turns. */
    static class Script extends LineReceiver {
        final List<String> received = new ArrayList<>();
        final List<String> tooLong = new ArrayList<>();
        final Clock clock = new Clock();
        int length;

        @Override
        protected void lineReceived(byte[] bytes) {
            String line = new String(bytes, ISO_8859_1);
            received.add(line);
            if (line.isEmpty()) {
                received.add("");
                setRawMode();
            } else if (line.equals("pause")) {
                pauseProducing();
                clock.callLater(0, this::resumeProducing);
            } else if (line.equals("stop")) {
                stopProducing();
            } else if (line.startsWith("len ")) {
                length = Integer.parseInt(line.substring(4));
            } else if (line.equals("quit")) {
                transport().loseConnection();
            }
        }

        @Override
        protected void rawDataReceived(ByteBuffer data) {
            int take = Math.min(length, data.remaining());
            byte[] raw = new byte[take];
            data.get(raw);
            length -= take;
            received.set(received.size() - 1, received.getLast() + new String(raw, ISO_8859_1));
            if (length == 0) {
                setLineMode(data);
            }
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            tooLong.add(new String(line, ISO_8859_1));
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    private static <T extends LineReceiver> T connected(T receiver) {
        receiver.makeConnection(new StringTransport());
        return receiver;
    }

    private static void feedInChunks(LineReceiver receiver, String input, int size) {
        for (int at = 0; at < input.length(); at += size) {
            receiver.dataReceived(bytes(input.substring(at, Math.min(input.length(), at + size))));
        }
    }

    @Test
    void linesSplitAtEveryPairOfBytePositionsArriveWhole() {
        String input = "first\r\nsecond\r\n\r\nfourth line\r\n";
        for (int i = 0; i <= input.length(); i++) {
            for (int j = i; j <= input.length(); j++) {
                List<String> lines = new ArrayList<>();
                LineReceiver plain = connected(new LineReceiver() {
                    @Override
                    protected void lineReceived(byte[] line) {
                        lines.add(new String(line, ISO_8859_1));
                    }
                });
                for (String part : List.of(input.substring(0, i), input.substring(i, j), input.substring(j))) {
                    if (!part.isEmpty()) {
                        plain.dataReceived(bytes(part));
                    }
                }
                assertThat(lines).as("split at %d and %d", i, j)
                        .containsExactly("first", "second", "", "fourth line");
            }
        }
    }

    private static final String SCRIPT = "len 10\n\n0123456789len 5\n\n1234\nlen 20\nfoo 123\n\n0123456789\n012345678"
            + "len 0\nfoo 5\n\nshort\nlen 1\n\na";

    @Test
    void rawModeAndLineModeAlternateTheSameForEveryChunkSize() {
        for (int size = 1; size <= SCRIPT.length(); size++) {
            Script receiver = connected(new Script());
            receiver.setDelimiter(new byte[] {'\n'});
            feedInChunks(receiver, SCRIPT, size);
            assertThat(receiver.received).as("chunks of %d", size).containsExactly(
                    "len 10", "", "0123456789", "len 5", "", "1234\n", "len 20", "foo 123", "",
                    "0123456789\n012345678", "len 0", "foo 5", "", "", "short", "len 1", "", "a");
        }
    }

    @Test
    void delimiterSplitAcrossReadsIsFound() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        receiver.setDelimiter("<END>".getBytes(ISO_8859_1));
        receiver.dataReceived(bytes("one<E"));
        receiver.dataReceived(bytes("N"));
        receiver.dataReceived(bytes("D><END"));
        assertThat(lines).containsExactly("one");
        receiver.dataReceived(bytes(">two<END><<END>"));
        assertThat(lines).containsExactly("one", "", "two", "<");
    }

    @Test
    void delimiterChangedInLineReceivedAppliesToTheRestOfTheBuffer() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.add(new String(line, ISO_8859_1));
                setDelimiter(new byte[] {';'});
            }
        });
        receiver.dataReceived(bytes("a\r\nb;c\r\nd;"));
        assertThat(lines).containsExactly("a", "b", "c\r\nd");
    }

    private static LineReceiver collecting(List<String> lines) {
        return connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.add(new String(line, ISO_8859_1));
            }
        });
    }

    @Test
    void lineOfExactlyMaxLengthIsDelivered() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        receiver.setMaxLength(4);
        receiver.dataReceived(bytes("xxxx\r"));
        receiver.dataReceived(bytes("\nyyyy\r\n"));
        assertThat(lines).containsExactly("xxxx", "yyyy");
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isFalse();
    }

    @Test
    void lineOneByteOverMaxLengthClosesTheConnectionByDefault() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        receiver.setMaxLength(4);
        receiver.dataReceived(bytes("xxxxx\r\nnext\r\n"));
        assertThat(lines).isEmpty();
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isTrue();
    }

    @Test
    void tooLongLineIsReportedWithTheRestOfTheBuffer() {
        Script receiver = connected(new Script());
        receiver.setMaxLength(4);
        receiver.dataReceived(bytes("ok\r\nxxxxx\r\nafter\r\npart"));
        assertThat(receiver.received).containsExactly("ok");
        assertThat(receiver.tooLong).containsExactly("xxxxx\r\nafter\r\npart");
        assertThat(receiver.clearLineBuffer()).isEmpty();
    }

    @Test
    void unfinishedLineWaitsWhileItCouldStillEndAtMaxLength() {
        Script receiver = connected(new Script());
        receiver.setMaxLength(4);
        receiver.dataReceived(bytes("xxxx\r"));
        assertThat(receiver.tooLong).isEmpty();
        receiver.dataReceived(bytes("x"));
        assertThat(receiver.tooLong).containsExactly("xxxx\rx");
    }

    @Test
    void unfinishedLineOfMaxLengthPlusDelimiterLengthIsTooLong() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        receiver.setMaxLength(6);
        receiver.dataReceived(bytes("xxxxxxx"));
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isFalse();
        receiver.dataReceived(bytes("x"));
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isTrue();
    }

    @Test
    void partialDelimiterBeyondMaxLengthStillEndsALineOfMaxLength() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        receiver.setMaxLength(3);
        receiver.dataReceived(bytes("xxx"));
        receiver.dataReceived(bytes("\r"));
        receiver.dataReceived(bytes("\nxxx"));
        assertThat(lines).containsExactly("xxx");
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isFalse();
    }

    @Test
    void rawModeSetInTheMiddleOfABufferSendsTheRestRaw() {
        List<String> events = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                events.add("line " + new String(line, ISO_8859_1));
                setRawMode();
            }

            @Override
            protected void rawDataReceived(ByteBuffer data) {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                events.add("raw " + new String(copy, ISO_8859_1));
            }
        });
        receiver.dataReceived(bytes("HEAD\r\nbody\r\nmore"));
        receiver.dataReceived(bytes("tail\r\n"));
        assertThat(events).containsExactly("line HEAD", "raw body\r\nmore", "raw tail\r\n");
        assertThat(receiver.isLineMode()).isFalse();
    }

    @Test
    void setLineModeWithExtraParsesTheExtraAsLines() {
        List<String> events = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                events.add("line " + new String(line, ISO_8859_1));
            }

            @Override
            protected void rawDataReceived(ByteBuffer data) {
                events.add("raw " + data.remaining());
            }
        });
        receiver.setRawMode();
        receiver.dataReceived(bytes("abc"));
        receiver.setLineMode(bytes("one\r\ntwo\r\nthr"));
        receiver.dataReceived(bytes("ee\r\n"));
        assertThat(events).containsExactly("raw 3", "line one", "line two", "line three");
    }

    @Test
    void switchingModesOnEveryByteNeitherRecursesNorLosesBytes() {
        StringBuilder lines = new StringBuilder();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.append(new String(line, ISO_8859_1));
                setRawMode();
            }

            @Override
            protected void rawDataReceived(ByteBuffer data) {
                data.get();
                setLineMode(data);
            }
        });
        receiver.setDelimiter(new byte[] {'\n'});
        receiver.dataReceived(bytes("x\nx".repeat(20_000)));
        assertThat(lines.toString()).isEqualTo("x".repeat(20_000));
    }

    @Test
    void clearLineBufferInLineReceivedReturnsAndDropsTheRest() {
        List<String> rests = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.add(new String(line, ISO_8859_1));
                rests.add(new String(clearLineBuffer(), ISO_8859_1));
            }
        });
        receiver.dataReceived(bytes("foo\r\nbar\r\nbaz"));
        receiver.dataReceived(bytes("quux\r\n"));
        assertThat(lines).containsExactly("foo", "quux");
        assertThat(rests).containsExactly("bar\r\nbaz", "");
    }

    @Test
    void pauseInLineReceivedHoldsBackTheRestUntilResumedForEveryChunkSize() {
        String input = "twiddle1\ntwiddle2\npause\ntwiddle3\n";
        for (int size = 1; size <= input.length(); size++) {
            Script receiver = connected(new Script());
            receiver.setDelimiter(new byte[] {'\n'});
            feedInChunks(receiver, input, size);
            assertThat(receiver.received).as("chunks of %d", size).containsExactly("twiddle1", "twiddle2", "pause");
            assertThat(receiver.isPaused()).isTrue();
            assertThat(((StringTransport) receiver.transport()).producerState()).isEqualTo(ProducerState.PAUSED);
            receiver.clock.advance(0);
            assertThat(receiver.received).containsExactly("twiddle1", "twiddle2", "pause", "twiddle3");
            assertThat(((StringTransport) receiver.transport()).producerState()).isEqualTo(ProducerState.PRODUCING);
        }
    }

    @Test
    void resumeDeliversOneWaitingLineWhenTheHandlerPausesAgain() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.add(new String(line, ISO_8859_1));
                pauseProducing();
            }
        });
        receiver.dataReceived(bytes("hello\r\nworld\r\n"));
        assertThat(lines).containsExactly("hello");
        receiver.dataReceived(bytes("goodbye\r\n"));
        assertThat(lines).containsExactly("hello");
        receiver.resumeProducing();
        assertThat(lines).containsExactly("hello", "world");
        receiver.resumeProducing();
        assertThat(lines).containsExactly("hello", "world", "goodbye");
        receiver.resumeProducing();
        assertThat(lines).containsExactly("hello", "world", "goodbye");
        assertThat(receiver.isPaused()).isFalse();
    }

    @Test
    void pausedRawModeDataWaitsUntilResumed() {
        List<Integer> raw = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                setRawMode();
                pauseProducing();
            }

            @Override
            protected void rawDataReceived(ByteBuffer data) {
                raw.add(data.remaining());
            }
        });
        receiver.dataReceived(bytes("go\r\n12345"));
        receiver.dataReceived(bytes("678"));
        assertThat(raw).isEmpty();
        receiver.resumeProducing();
        assertThat(raw).containsExactly(8);
    }

    @Test
    void pausingOverALoopbackStopsDeliveryUntilResumed() {
        List<String> lines = new ArrayList<>();
        LineReceiver server = new LineReceiver() {
            @Override
            protected void lineReceived(byte[] line) {
                lines.add(new String(line, ISO_8859_1));
                if (lines.size() == 1) {
                    pauseProducing();
                }
            }
        };
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        client.transport().write(bytes("one\r\ntwo\r\n"));
        pump.flush();
        client.transport().write(bytes("three\r\n"));
        pump.flush();
        assertThat(lines).containsExactly("one");
        assertThat(pump.serverTransport().isReadingPaused()).isTrue();
        server.resumeProducing();
        assertThat(lines).containsExactly("one", "two");
        pump.flush();
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void stopProducingInLineReceivedDeliversNothingMore() {
        Script receiver = connected(new Script());
        receiver.setDelimiter(new byte[] {'\n'});
        receiver.dataReceived(bytes("a\nstop\nmore\n"));
        receiver.dataReceived(bytes("stuff\n"));
        assertThat(receiver.received).containsExactly("a", "stop");
        assertThat(((StringTransport) receiver.transport()).producerState()).isEqualTo(ProducerState.STOPPED);
    }

    @Test
    void linesAfterTheOneThatClosedTheConnectionAreNotDelivered() {
        Script receiver = connected(new Script());
        receiver.dataReceived(bytes("one\r\nquit\r\nthree\r\n"));
        receiver.dataReceived(bytes("four\r\n"));
        assertThat(receiver.received).containsExactly("one", "quit");
    }

    @Test
    void manyLinesInOneReadAreAllDeliveredInOrder() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            input.append(i).append("\r\n");
        }
        receiver.dataReceived(bytes(input.toString()));
        assertThat(lines).hasSize(10_000);
        assertThat(lines.get(0)).isEqualTo("0");
        assertThat(lines.get(9_999)).isEqualTo("9999");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aLongLineReadOneByteAtATimeCostsLinearTime() {
        List<String> lines = new ArrayList<>();
        LineReceiver receiver = collecting(lines);
        int length = 1_000_000;
        receiver.setMaxLength(length);
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < length; i++) {
            one.clear();
            one.put(0, (byte) (i % 2 == 0 ? '\r' : 'x'));
            receiver.dataReceived(one);
        }
        receiver.dataReceived(bytes("\r\n"));
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).hasSize(length);
    }

    @Test
    void sendLineWritesTheLineAndTheDelimiter() {
        LineReceiver receiver = collecting(new ArrayList<>());
        receiver.sendLine("héllo");
        receiver.setDelimiter(new byte[] {'\n'});
        receiver.sendLine(new byte[] {'b', 'y', 'e'});
        assertThat(((StringTransport) receiver.transport()).valueAsString()).isEqualTo("héllo\r\nbye\n");
    }

    @Test
    void rawModeWithoutRawDataReceivedFailsLoudly() {
        LineReceiver receiver = collecting(new ArrayList<>());
        receiver.setRawMode();
        assertThatThrownBy(() -> receiver.dataReceived(bytes("x")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("rawDataReceived");
    }

    @Test
    void emptyDelimiterAndNegativeMaxLengthAreRefused() {
        LineReceiver receiver = collecting(new ArrayList<>());
        assertThatThrownBy(() -> receiver.setDelimiter(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> receiver.setMaxLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(receiver.maxLength()).isEqualTo(LineReceiver.DEFAULT_MAX_LENGTH);
        assertThat(receiver.delimiter()).containsExactly('\r', '\n');
    }
}
