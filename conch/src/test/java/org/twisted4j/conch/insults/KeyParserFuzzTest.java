package org.twisted4j.conch.insults;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the terminal input parser ({@link KeyParser}) and the screen emulator ({@link TerminalBuffer}).
 *
 * <p>Invariants: nothing is thrown; the keys are the same however the input is cut (at one point chosen by the
 * fuzzer); no unhandled sequence is longer than the limit allows; the screen's cursor stays on the screen.
 */
class KeyParserFuzzTest {

    @FuzzTest
    void inputParsesTheSameHoweverSplit(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        byte[] input = data.consumeRemainingAsBytes();
        cut = Math.min(cut, input.length);
        List<String> whole = keys(input, input.length);
        assertThat(keys(input, cut)).isEqualTo(whole);
        for (String event : whole) {
            assertThat(event.length()).isLessThanOrEqualTo(KeyParser.MAX_SEQUENCE + 16);
        }
        TerminalBuffer screen = new TerminalBuffer(20, 5);
        screen.write(ByteBuffer.wrap(input));
        assertThat(screen.cursorColumn()).isBetween(0, 19);
        assertThat(screen.cursorRow()).isBetween(0, 4);
    }

    private static List<String> keys(byte[] input, int cut) {
        List<String> out = new ArrayList<>();
        KeyParser parser = new KeyParser(new KeyParser.Listener() {
            @Override
            public void keystrokeReceived(Keystroke key) {
                out.add(key.toString());
            }

            @Override
            public void unhandledControlSequence(String sequence) {
                out.add("unhandled " + sequence);
            }
        });
        parser.parse(ByteBuffer.wrap(input, 0, cut));
        parser.parse(ByteBuffer.wrap(input, cut, input.length - cut));
        return out;
    }
}
