package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twisted4j.protocols.basic.NetstringParseError;
import org.twisted4j.protocols.basic.NetstringReceiver;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

class NetstringReceiverTest {

    static final class Collector extends NetstringReceiver {
        final List<String> strings = new ArrayList<>();
        final List<NetstringParseError> errors = new ArrayList<>();

        @Override
        protected void stringReceived(byte[] string) {
            String text = new String(string, ISO_8859_1);
            strings.add(text);
            if (text.equals("quit")) {
                transport().loseConnection();
            }
        }

        @Override
        protected void netstringParseError(NetstringParseError error) {
            errors.add(error);
            super.netstringParseError(error);
        }
    }

    private final StringTransport transport = new StringTransport();
    private final Collector receiver = new Collector();

    {
        receiver.makeConnection(transport);
        receiver.setMaxLength(50);
    }

    private void feed(String text) {
        receiver.dataReceived(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
    }

    private void feedByteByByte(String text) {
        for (int i = 0; i < text.length(); i++) {
            feed(text.substring(i, i + 1));
        }
    }

    @Test
    void stringsSplitAtEveryBytePositionArriveWhole() {
        List<String> sent = List.of("hello", "", ":today", "4:1:a,,", "a".repeat(515));
        Collector sender = new Collector();
        StringTransport out = new StringTransport();
        sender.makeConnection(out);
        sent.forEach(s -> sender.sendString(s.getBytes(ISO_8859_1)));
        byte[] all = out.value();
        for (int split = 0; split <= all.length; split++) {
            Collector collector = new Collector();
            collector.makeConnection(new StringTransport());
            collector.setMaxLength(699);
            collector.dataReceived(ByteBuffer.wrap(all, 0, split));
            collector.dataReceived(ByteBuffer.wrap(all, split, all.length - split));
            assertThat(collector.strings).as("split at %d", split).containsExactlyElementsOf(sent);
            assertThat(collector.errors).isEmpty();
        }
    }

    @Test
    void sendStringFramesWithDecimalLengthColonAndComma() {
        receiver.sendString("hello".getBytes(ISO_8859_1));
        receiver.sendString(new byte[0]);
        assertThat(transport.valueAsString()).isEqualTo("5:hello,0:,");
    }

    @Test
    void emptyAndNestedNetstringsAreReceived() {
        feed("0:,1:a,4:1:a,,");
        assertThat(receiver.strings).containsExactly("", "a", "1:a,");
    }

    @Test
    void stringOfExactlyMaxLengthIsAccepted() {
        feedByteByByte("50:" + "x".repeat(50) + ",");
        assertThat(receiver.strings).containsExactly("x".repeat(50));
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "abc|MISSING_LENGTH",
        ":aaa,|MISSING_LENGTH",
        "3aaa,|MISSING_LENGTH",
        "007:abcdefg,|MISSING_LENGTH",
        "00:,|MISSING_LENGTH",
        "-1:a,|MISSING_LENGTH",
        "4:abcde|MISSING_COMMA",
        "2:aaa,|MISSING_COMMA",
        "0:a,|MISSING_COMMA",
        "51:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab,|TOO_LONG",
        "9999999999999999999999|TOO_LONG",
    })
    void invalidNetstringsAreRefusedAndCloseTheConnection(String input, NetstringParseError.Reason reason) {
        feedByteByByte(input);
        assertThat(receiver.errors).extracting(NetstringParseError::reason).containsExactly(reason);
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(receiver.isBrokenPeer()).isTrue();
        assertThat(receiver.strings).isEmpty();
    }

    @Test
    void overlongLengthIsRefusedBeforeItsColonArrives() {
        feed("51");
        assertThat(receiver.errors).extracting(NetstringParseError::reason)
                .containsExactly(NetstringParseError.Reason.TOO_LONG);
    }

    @Test
    void bytesAfterAParseErrorAreIgnored() {
        receiver.setMaxLength(100);
        feed("1:a,x1:b,");
        feed("1:c,");
        assertThat(receiver.strings).containsExactly("a");
        assertThat(receiver.errors).hasSize(1);
    }

    @Test
    void stringsAfterTheOneThatClosedTheConnectionAreNotDelivered() {
        feed("4:quit,4:more,");
        assertThat(receiver.strings).containsExactly("quit");
        assertThat(receiver.errors).isEmpty();
    }

    @Test
    void roundTripThroughALoopbackConnection() {
        Collector server = new Collector();
        Collector client = new Collector();
        IOPump pump = IOPump.connectedLoopback(server, client);
        client.sendString("12345".getBytes(ISO_8859_1));
        server.sendString(":,".getBytes(ISO_8859_1));
        pump.flush();
        assertThat(server.strings).containsExactly("12345");
        assertThat(client.strings).containsExactly(":,");
    }
}
