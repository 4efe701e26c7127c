package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetParserTest {

    /** Writes every event as text, data as one run of characters. */
    static final class Recorder implements TelnetParser.Listener {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        @Override
        public void data(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                data.write(bytes.get());
            }
        }

        @Override
        public void command(int command) {
            flush();
            events.add(TelnetCodes.commandName(command));
        }

        @Override
        public void negotiate(int command, int option) {
            flush();
            events.add(TelnetCodes.commandName(command) + " " + TelnetCodes.optionName(option));
        }

        @Override
        public void subnegotiation(int option, byte[] bytes) {
            flush();
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                hex.append(String.format("%02x", b & 0xff));
            }
            events.add("SB " + TelnetCodes.optionName(option) + " " + hex);
        }

        List<String> flush() {
            if (data.size() > 0) {
                events.add("data " + data.toString(StandardCharsets.ISO_8859_1));
                data.reset();
            }
            return events;
        }
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static final byte[] STREAM = concat("ab".getBytes(StandardCharsets.US_ASCII),
            bytes(255, 255, 255, 251, 1, 'c', '\r', 0, 'd', '\r', '\n', 255, 241, 255, 250, 31, 0, 80, 255, 255, 0, 24,
                    255, 240, 'e', '\r', 'f', 255, 253, 3));

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<String> parseInPieces(byte[] stream, int piece) throws TelnetProtocolException {
        Recorder recorder = new Recorder();
        TelnetParser parser = new TelnetParser(recorder);
        for (int i = 0; i < stream.length; i += piece) {
            parser.parse(ByteBuffer.wrap(stream, i, Math.min(piece, stream.length - i)));
        }
        return recorder.flush();
    }

    @Test
    void dataCommandsNegotiationsAndSubnegotiationsAreSeparated() throws Exception {
        assertThat(parseInPieces(STREAM, STREAM.length)).containsExactly(
                "data ab\u00ff", "WILL ECHO", "data c\rd\n", "NOP", "SB NAWS 0050ff0018", "data e\rf", "DO SGA");
    }

    @Test
    void aStreamSplitAtAnyByteParsesTheSame() throws Exception {
        List<String> whole = parseInPieces(STREAM, STREAM.length);
        for (int piece = 1; piece < STREAM.length; piece++) {
            assertThat(parseInPieces(STREAM, piece)).as("pieces of %d", piece).isEqualTo(whole);
        }
    }

    @Test
    void aLongSubnegotiationIsAnError() {
        TelnetParser parser = new TelnetParser(new Recorder()).setMaxSubnegotiation(4);
        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(255, 250, 24, 0, 'a', 'b', 'c', 'd'))))
                .isInstanceOf(TelnetProtocolException.class).hasMessageContaining("longer than 4 bytes");
    }

    @Test
    void aStrayCommandInsideASubnegotiationIsAnError() {
        TelnetParser parser = new TelnetParser(new Recorder());
        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(255, 250, 24, 0, 255, 251))))
                .isInstanceOf(TelnetProtocolException.class).hasMessageContaining("IAC WILL inside");
    }
}
