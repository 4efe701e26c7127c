package org.twisted4j.conch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Applies a {@code pty-req}'s encoded terminal modes (RFC 4254 section 8) to a Linux {@code struct termios}
 * (glibc's layout: {@code c_iflag}, {@code c_oflag}, {@code c_cflag}, {@code c_lflag} as 32-bit words, then
 * {@code c_line} and 32 control characters). Control characters (VINTR, VERASE, VEOF...) and the input, output
 * and local flags Linux has (ICRNL, IXON, IUTF8, OPOST, ONLCR, ISIG, ICANON, ECHO, ECHOE, IEXTEN...) are set;
 * speeds, character size and parity, and the opcodes Linux lacks are skipped. Parsing stops at
 * {@code TTY_OP_END}, at an opcode of 160 or more (whose argument is undefined) or at a truncated argument, as
 * OpenSSH does.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class TerminalModes {
    /** Offsets in {@code struct termios}. */
    private static final int IFLAG = 0;
    private static final int OFLAG = 4;
    private static final int LFLAG = 12;
    private static final int CC = 17;
    /** The size of glibc's {@code struct termios} on Linux. */
    static final int TERMIOS_SIZE = 60;

    private TerminalModes() {
    }

    /**
     * Applies the encoded modes to the termios octets (native byte order), in place.
     *
     * @param termios at least {@link #TERMIOS_SIZE} octets from {@code tcgetattr}
     * @param modes the request's encoded modes
     */
    static void apply(byte[] termios, byte[] modes) {
        ByteBuffer t = ByteBuffer.wrap(termios).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at < modes.length) {
            int opcode = modes[at] & 0xff;
            if (opcode == 0 || opcode >= 160 || at + 5 > modes.length) {
                return;
            }
            int value = ((modes[at + 1] & 0xff) << 24) | ((modes[at + 2] & 0xff) << 16)
                    | ((modes[at + 3] & 0xff) << 8) | (modes[at + 4] & 0xff);
            at += 5;
            int cc = controlCharacter(opcode);
            if (cc >= 0) {
                termios[CC + cc] = (byte) (value == 255 ? 0 : value);
                continue;
            }
            int[] flag = flag(opcode);
            if (flag != null) {
                int word = t.getInt(flag[0]);
                t.putInt(flag[0], value != 0 ? word | flag[1] : word & ~flag[1]);
            }
        }
    }

    /** The index in {@code c_cc} of a control character opcode (1 to 18), or -1. */
    private static int controlCharacter(int opcode) {
        return switch (opcode) {
            case 1 -> 0;      // VINTR
            case 2 -> 1;      // VQUIT
            case 3 -> 2;      // VERASE
            case 4 -> 3;      // VKILL
            case 5 -> 4;      // VEOF
            case 6 -> 11;     // VEOL
            case 7 -> 16;     // VEOL2
            case 8 -> 8;      // VSTART
            case 9 -> 9;      // VSTOP
            case 10 -> 10;    // VSUSP
            case 12 -> 12;    // VREPRINT
            case 13 -> 14;    // VWERASE
            case 14 -> 15;    // VLNEXT
            case 18 -> 13;    // VDISCARD
            default -> -1;
        };
    }

    /** The flag word's offset and bit for a flag opcode, or null. */
    private static int[] flag(int opcode) {
        return switch (opcode) {
            case 30 -> new int[] {IFLAG, 0x4};        // IGNPAR
            case 31 -> new int[] {IFLAG, 0x8};        // PARMRK
            case 32 -> new int[] {IFLAG, 0x10};       // INPCK
            case 33 -> new int[] {IFLAG, 0x20};       // ISTRIP
            case 34 -> new int[] {IFLAG, 0x40};       // INLCR
            case 35 -> new int[] {IFLAG, 0x80};       // IGNCR
            case 36 -> new int[] {IFLAG, 0x100};      // ICRNL
            case 37 -> new int[] {IFLAG, 0x200};      // IUCLC
            case 38 -> new int[] {IFLAG, 0x400};      // IXON
            case 39 -> new int[] {IFLAG, 0x800};      // IXANY
            case 40 -> new int[] {IFLAG, 0x1000};     // IXOFF
            case 41 -> new int[] {IFLAG, 0x2000};     // IMAXBEL
            case 42 -> new int[] {IFLAG, 0x4000};     // IUTF8
            case 50 -> new int[] {LFLAG, 0x1};        // ISIG
            case 51 -> new int[] {LFLAG, 0x2};        // ICANON
            case 52 -> new int[] {LFLAG, 0x4};        // XCASE
            case 53 -> new int[] {LFLAG, 0x8};        // ECHO
            case 54 -> new int[] {LFLAG, 0x10};       // ECHOE
            case 55 -> new int[] {LFLAG, 0x20};       // ECHOK
            case 56 -> new int[] {LFLAG, 0x40};       // ECHONL
            case 57 -> new int[] {LFLAG, 0x80};       // NOFLSH
            case 58 -> new int[] {LFLAG, 0x100};      // TOSTOP
            case 59 -> new int[] {LFLAG, 0x8000};     // IEXTEN
            case 60 -> new int[] {LFLAG, 0x200};      // ECHOCTL
            case 61 -> new int[] {LFLAG, 0x800};      // ECHOKE
            case 62 -> new int[] {LFLAG, 0x4000};     // PENDIN
            case 70 -> new int[] {OFLAG, 0x1};        // OPOST
            case 71 -> new int[] {OFLAG, 0x2};        // OLCUC
            case 72 -> new int[] {OFLAG, 0x4};        // ONLCR
            case 73 -> new int[] {OFLAG, 0x8};        // OCRNL
            case 74 -> new int[] {OFLAG, 0x10};       // ONOCR
            case 75 -> new int[] {OFLAG, 0x20};       // ONLRET
            default -> null;
        };
    }
}
