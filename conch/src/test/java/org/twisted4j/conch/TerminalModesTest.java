package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The encoded terminal modes of a {@code pty-req} applied to a Linux termios. */
class TerminalModesTest {

    private static byte[] modes(int... opcodeValuePairs) {
        ByteBuffer out = ByteBuffer.allocate(opcodeValuePairs.length / 2 * 5 + 1);
        for (int i = 0; i < opcodeValuePairs.length; i += 2) {
            out.put((byte) opcodeValuePairs[i]).putInt(opcodeValuePairs[i + 1]);
        }
        out.put((byte) 0);
        return out.array();
    }

    private static int word(byte[] termios, int offset) {
        return ByteBuffer.wrap(termios).order(ByteOrder.nativeOrder()).getInt(offset);
    }

    @Test
    void echoIcanonAndIsigAreSetAndCleared() {
        byte[] termios = new byte[TerminalModes.TERMIOS_SIZE];
        TerminalModes.apply(termios, modes(53, 1, 51, 1, 50, 1, 36, 1, 72, 1));
        assertThat(word(termios, 12) & 0xb).isEqualTo(0xb);    // ECHO | ICANON | ISIG
        assertThat(word(termios, 0) & 0x100).isEqualTo(0x100); // ICRNL
        assertThat(word(termios, 4) & 0x4).isEqualTo(0x4);     // ONLCR
        TerminalModes.apply(termios, modes(53, 0, 51, 0));
        assertThat(word(termios, 12) & 0xb).isEqualTo(0x1);
    }

    @Test
    void controlCharactersGoToTheirSlots() {
        byte[] termios = new byte[TerminalModes.TERMIOS_SIZE];
        TerminalModes.apply(termios, modes(1, 3, 3, 0x7f, 5, 4, 10, 255));
        assertThat(termios[17]).isEqualTo((byte) 3);      // VINTR
        assertThat(termios[17 + 2]).isEqualTo((byte) 0x7f); // VERASE
        assertThat(termios[17 + 4]).isEqualTo((byte) 4);  // VEOF
        assertThat(termios[17 + 10]).isEqualTo((byte) 0); // VSUSP disabled (255)
    }

    @Test
    void parsingStopsAtAnUndefinedOpcodeOrATruncatedArgument() {
        byte[] termios = new byte[TerminalModes.TERMIOS_SIZE];
        byte[] stop = {(byte) 160, 0, 0, 0, 1, 53, 0, 0, 0, 1};
        TerminalModes.apply(termios, stop);
        assertThat(word(termios, 12)).isZero();
        TerminalModes.apply(termios, new byte[] {53, 0, 0});
        assertThat(word(termios, 12)).isZero();
    }

    /**
     * Fuzzes the modes' parsing: any octets apply without an exception and touch only the flag words and
     * control characters, never {@code c_cflag}, {@code c_line} or the speeds.
     */
    @FuzzTest
    void anyModesApplyWithinTheFlagsAndControlCharacters(FuzzedDataProvider data) {
        byte[] termios = data.consumeBytes(TerminalModes.TERMIOS_SIZE);
        termios = Arrays.copyOf(termios, TerminalModes.TERMIOS_SIZE);
        byte[] before = termios.clone();
        TerminalModes.apply(termios, data.consumeRemainingAsBytes());
        assertThat(Arrays.copyOfRange(termios, 8, 12)).isEqualTo(Arrays.copyOfRange(before, 8, 12));
        assertThat(termios[16]).isEqualTo(before[16]);
        assertThat(Arrays.copyOfRange(termios, 49, 60)).isEqualTo(Arrays.copyOfRange(before, 49, 60));
    }
}
