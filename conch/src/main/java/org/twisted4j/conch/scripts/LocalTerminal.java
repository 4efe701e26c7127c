package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.PtyRequest;

/**
 * The terminal {@code conch} runs in, seen through {@code stty} on the process's standard input (the JDK has no
 * termios): whether standard input is one, its size and modes for a {@code pty-req}, and raw mode while a remote
 * terminal session runs.
 *
 * <h2>Threading</h2>
 * Each method blocks while {@code stty} runs: call them off the reactor thread, or before it runs.
 */
final class LocalTerminal {
    /** The modes' opcodes of RFC 4254 section 8 for Linux's c_cc slots 0 to 16 ({@code VINTR}...), -1 for none. */
    private static final int[] CONTROL_CHARACTERS = {1, 2, 3, 4, 5, -1, -1, 16, 8, 9, 10, 6, 12, 18, 13, 14, 7};
    /** Linux's c_iflag bits and their opcodes. */
    private static final int[][] INPUT_FLAGS = {{0x4, 30}, {0x8, 31}, {0x10, 32}, {0x20, 33}, {0x40, 34},
        {0x80, 35}, {0x100, 36}, {0x200, 37}, {0x400, 38}, {0x800, 39}, {0x1000, 40}, {0x2000, 41}, {0x4000, 42}};
    /** Linux's c_lflag bits and their opcodes. */
    private static final int[][] LOCAL_FLAGS = {{0x1, 50}, {0x2, 51}, {0x4, 52}, {0x8, 53}, {0x10, 54},
        {0x20, 55}, {0x40, 56}, {0x80, 57}, {0x100, 58}, {0x8000, 59}, {0x200, 60}, {0x800, 61}, {0x4000, 62}};
    /** Linux's c_oflag bits and their opcodes. */
    private static final int[][] OUTPUT_FLAGS = {{0x1, 70}, {0x2, 71}, {0x4, 72}, {0x8, 73}, {0x10, 74},
        {0x20, 75}};
    /** The opcode that ends the modes. */
    private static final int TTY_OP_END = 0;

    private final String saved;

    private LocalTerminal(String saved) {
        this.saved = saved;
    }

    /** The terminal on standard input, or null when standard input is not a terminal (or there is no stty). */
    static @Nullable LocalTerminal onStandardInput() {
        String settings = stty("-g");
        return settings == null || settings.isBlank() ? null : new LocalTerminal(settings.strip());
    }

    /** A {@code pty-req} for this terminal: {@code TERM}, its size (80x24 if unknown) and its modes. */
    PtyRequest ptyRequest() {
        int[] size = size();
        String term = System.getenv("TERM");
        return new PtyRequest(term == null || term.isEmpty() ? "vt100" : term, size[1], size[0], 0, 0,
                encodeModes(saved));
    }

    /** The terminal's rows and columns, or 24 by 80 when {@code stty size} does not say. */
    int[] size() {
        String answer = stty("size");
        if (answer != null) {
            String[] parts = answer.strip().split("\\s+");
            if (parts.length == 2) {
                try {
                    int rows = Integer.parseInt(parts[0]);
                    int columns = Integer.parseInt(parts[1]);
                    if (rows > 0 && columns > 0) {
                        return new int[] {rows, columns};
                    }
                } catch (NumberFormatException e) {
                    // fall through to the default
                }
            }
        }
        return new int[] {24, 80};
    }

    /** Puts the terminal in raw mode without echo, as {@code ssh} does for a remote terminal. */
    void makeRaw() {
        stty("raw", "-echo");
    }

    /** Puts the terminal's settings back as they were when this was made. */
    void restore() {
        stty(saved);
    }

    /**
     * The RFC 4254 section 8 encoding of settings as {@code stty -g} prints them on Linux
     * ({@code iflag:oflag:cflag:lflag:cc0:cc1:...} in hex); only the end marker when they are not in that form.
     */
    static byte[] encodeModes(String settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] fields = settings.strip().split(":");
        try {
            if (fields.length >= 4) {
                long iflag = Long.parseLong(fields[0], 16);
                long oflag = Long.parseLong(fields[1], 16);
                long cflag = Long.parseLong(fields[2], 16);
                long lflag = Long.parseLong(fields[3], 16);
                ByteArrayOutputStream modes = new ByteArrayOutputStream();
                for (int slot = 0; slot < CONTROL_CHARACTERS.length && 4 + slot < fields.length; slot++) {
                    if (CONTROL_CHARACTERS[slot] > 0) {
                        mode(modes, CONTROL_CHARACTERS[slot], Long.parseLong(fields[4 + slot], 16) & 0xff);
                    }
                }
                flags(modes, iflag, INPUT_FLAGS);
                flags(modes, lflag, LOCAL_FLAGS);
                flags(modes, oflag, OUTPUT_FLAGS);
                long size = cflag & 0x30;
                mode(modes, 90, size == 0x20 ? 1 : 0);
                mode(modes, 91, size == 0x30 ? 1 : 0);
                mode(modes, 92, (cflag & 0x100) != 0 ? 1 : 0);
                mode(modes, 93, (cflag & 0x200) != 0 ? 1 : 0);
                out.writeBytes(modes.toByteArray());
            }
        } catch (NumberFormatException e) {
            out.reset();
        }
        out.write(TTY_OP_END);
        return out.toByteArray();
    }

    private static void flags(ByteArrayOutputStream out, long value, int[][] table) {
        for (int[] entry : table) {
            mode(out, entry[1], (value & entry[0]) != 0 ? 1 : 0);
        }
    }

    private static void mode(ByteArrayOutputStream out, int opcode, long value) {
        out.write(opcode);
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    /** Runs stty on the process's standard input; its output, or null when it failed. */
    private static @Nullable String stty(String... arguments) {
        try {
            Process process = new ProcessBuilder(prepend("stty", arguments))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, US_ASCII) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return List.of(all);
    }
}
