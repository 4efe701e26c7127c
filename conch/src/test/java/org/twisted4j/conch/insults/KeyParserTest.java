package org.twisted4j.conch.insults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyParserTest {

    static List<String> keys(String input, int piece) {
        List<String> out = new ArrayList<>();
        KeyParser parser = new KeyParser(new KeyParser.Listener() {
            @Override
            public void keystrokeReceived(Keystroke key) {
                out.add(key.toString());
            }

            @Override
            public void unhandledControlSequence(String sequence) {
                out.add("unhandled " + sequence.replace("\u001b", "ESC"));
            }
        });
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += piece) {
            parser.parse(ByteBuffer.wrap(bytes, i, Math.min(piece, bytes.length - i)));
        }
        return out;
    }

    static final String INPUT = "a\u00e9\u20ac\r\u007f\u001b[A\u001b[B\u001b[C\u001b[D\u001bOA\u001b[H\u001b[F\u001b[1~"
            + "\u001b[2~\u001b[3~\u001b[4~\u001b[5~\u001b[6~\u001bOP\u001b[15~\u001b[24~\u001bx\u001b[1;3D\u001b[6n"
            + "\u001b[12;40R\u0003";

    @Test
    void charactersAndTheKeysOfXtermAndTheConsoleAreNamed() {
        assertThat(keys(INPUT, 1000)).containsExactly("a", "\u00e9", "\u20ac", "^M", "^?", "UP_ARROW", "DOWN_ARROW",
                "RIGHT_ARROW", "LEFT_ARROW", "UP_ARROW", "HOME", "END", "HOME", "INSERT", "DELETE", "END", "PGUP",
                "PGDN", "F1", "F5", "F12", "Alt-x", "Alt-LEFT_ARROW", "unhandled ESC[6n", "unhandled ESC[12;40R",
                "^C");
    }

    @Test
    void inputSplitAtAnyByteParsesTheSame() {
        List<String> whole = keys(INPUT, 1000);
        for (int piece = 1; piece < 8; piece++) {
            assertThat(keys(INPUT, piece)).as("pieces of %d", piece).isEqualTo(whole);
        }
    }

    @Test
    void badUtf8AndLongSequencesAreBoundedAndReplaced() {
        assertThat(keys("\u001b[" + "1".repeat(40) + "A", 1000).get(0)).startsWith("unhandled ESC[1111");
        List<String> bad = new ArrayList<>();
        KeyParser parser = new KeyParser(new KeyParser.Listener() {
            @Override
            public void keystrokeReceived(Keystroke key) {
                bad.add(key.toString());
            }

            @Override
            public void unhandledControlSequence(String sequence) {
                bad.add("unhandled");
            }
        });
        parser.parse(ByteBuffer.wrap(new byte[] {(byte) 0xc3, 'a', (byte) 0xff}));
        assertThat(bad).containsExactly("\ufffd", "a", "\ufffd");
    }
}
