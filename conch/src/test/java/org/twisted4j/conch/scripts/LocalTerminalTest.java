package org.twisted4j.conch.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal modes of a {@code pty-req} made from {@code stty -g}'s settings. */
class LocalTerminalTest {

    /** Linux's {@code stty -g} of a fresh xterm: icrnl ixon, opost onlcr, cs8, isig icanon echo..., ^C ^\ ^? ^U ^D. */
    private static final String SANE = "500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0"
            + ":0:0:0:0";

    private static Map<Integer, Long> decode(byte[] modes) {
        Map<Integer, Long> decoded = new HashMap<>();
        int at = 0;
        while (modes[at] != 0) {
            int opcode = modes[at] & 0xff;
            long value = ((modes[at + 1] & 0xffL) << 24) | ((modes[at + 2] & 0xffL) << 16)
                    | ((modes[at + 3] & 0xffL) << 8) | (modes[at + 4] & 0xffL);
            decoded.put(opcode, value);
            at += 5;
        }
        assertThat(at).isEqualTo(modes.length - 1);
        return decoded;
    }

    @Test
    void controlCharactersAndFlagsAreEncodedWithRfc4254Opcodes() {
        Map<Integer, Long> modes = decode(LocalTerminal.encodeModes(SANE + "\n"));
        assertThat(modes).containsEntry(1, 3L).containsEntry(2, 0x1cL).containsEntry(3, 0x7fL)
                .containsEntry(4, 0x15L).containsEntry(5, 4L);
        assertThat(modes).containsEntry(36, 1L).containsEntry(38, 1L).containsEntry(35, 0L);
        assertThat(modes).containsEntry(50, 1L).containsEntry(51, 1L).containsEntry(53, 1L);
        assertThat(modes).containsEntry(70, 1L).containsEntry(72, 1L);
        assertThat(modes).containsEntry(91, 1L).containsEntry(90, 0L).containsEntry(92, 0L);
    }

    @Test
    void settingsInAnotherFormGiveOnlyTheEndMarker() {
        assertThat(LocalTerminal.encodeModes("speed 38400 baud; line = 0;")).containsExactly(0);
        assertThat(LocalTerminal.encodeModes("")).containsExactly(0);
        assertThat(LocalTerminal.encodeModes("zz:1:2:3")).containsExactly(0);
    }
}
