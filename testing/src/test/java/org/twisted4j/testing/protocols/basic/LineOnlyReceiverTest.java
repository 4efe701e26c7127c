package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.protocols.basic.LineOnlyReceiver;
import org.twisted4j.testing.StringTransport;

class LineOnlyReceiverTest {

    static final class Collector extends LineOnlyReceiver {
        final List<String> lines = new ArrayList<>();
        final List<String> tooLong = new ArrayList<>();
        boolean reportOnly;

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, ISO_8859_1);
            lines.add(text);
            if (text.equals("quit")) {
                transport().loseConnection();
            }
        }

        @Override
        protected void lineLengthExceeded(byte[] line) {
            tooLong.add(new String(line, ISO_8859_1));
            if (!reportOnly) {
                super.lineLengthExceeded(line);
            }
        }
    }

    private static Collector connected() {
        Collector collector = new Collector();
        collector.makeConnection(new StringTransport());
        return collector;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    @Test
    void linesFedOneByteAtATimeArriveWhole() {
        Collector receiver = connected();
        receiver.setDelimiter(new byte[] {'\n'});
        String input = "foo\n    bleakness\n    desolation\n\n    plastic forks\n    ";
        for (int i = 0; i < input.length(); i++) {
            receiver.dataReceived(bytes(input.substring(i, i + 1)));
        }
        assertThat(receiver.lines).containsExactly("foo", "    bleakness", "    desolation", "", "    plastic forks");
    }

    @Test
    void linesSplitAtEveryBytePositionArriveWhole() {
        String input = "alpha\r\nbeta\r\ngamma\r\n";
        for (int split = 0; split <= input.length(); split++) {
            Collector receiver = connected();
            receiver.dataReceived(bytes(input.substring(0, split)));
            receiver.dataReceived(bytes(input.substring(split)));
            assertThat(receiver.lines).as("split at %d", split).containsExactly("alpha", "beta", "gamma");
        }
    }

    @Test
    void lineOfMaxLengthIsDeliveredAndOneLongerIsNot() {
        Collector receiver = connected();
        receiver.setMaxLength(3);
        receiver.reportOnly = true;
        receiver.dataReceived(bytes("abc\r\nabcd\r\nok\r\n"));
        assertThat(receiver.lines).containsExactly("abc", "ok");
        assertThat(receiver.tooLong).containsExactly("abcd");
    }

    @Test
    void tooLongLineClosesTheConnectionByDefaultAndStopsDelivery() {
        Collector receiver = connected();
        receiver.setMaxLength(3);
        receiver.dataReceived(bytes("abcd\r\nok\r\n"));
        assertThat(receiver.lines).isEmpty();
        assertThat(((StringTransport) receiver.transport()).isDisconnecting()).isTrue();
    }

    @Test
    void unfinishedLineIsTooLongOnceItCannotEndWithinTheLimit() {
        Collector receiver = connected();
        receiver.setMaxLength(3);
        receiver.reportOnly = true;
        receiver.dataReceived(bytes("abc\r"));
        assertThat(receiver.tooLong).isEmpty();
        receiver.dataReceived(bytes("d"));
        assertThat(receiver.tooLong).containsExactly("abc\rd");
    }

    @Test
    void linesAfterTheOneThatClosedTheConnectionAreNotDelivered() {
        Collector receiver = connected();
        receiver.dataReceived(bytes("a\r\nquit\r\nb\r\n"));
        assertThat(receiver.lines).containsExactly("a", "quit");
    }

    @Test
    void sendLineAppendsTheDelimiter() {
        Collector receiver = connected();
        receiver.setDelimiter(new byte[] {'\n'});
        receiver.sendLine("hello");
        assertThat(((StringTransport) receiver.transport()).valueAsString()).isEqualTo("hello\n");
    }
}
