package org.twisted4j.conch.insults;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.twisted4j.internet.Protocol;

/**
 * The client side of a VT102 terminal, as Twisted's {@code insults.ClientProtocol}: it reads what a server sends
 * to a terminal (text, controls, {@code ESC} and {@code CSI} sequences) and calls a {@link TerminalDisplay} for
 * each, the inverse of {@link ServerProtocol}, which turns {@link Terminal} calls into those bytes.
 *
 * <pre>{@code
 * TerminalBuffer screen = new TerminalBuffer(80, 24);
 * ClientProtocol client = new ClientProtocol(screen.display());
 * TelnetTransport.connect(endpoint, TelnetTransport.client(client, "VT102", 80, 24));
 * // ... client.transport().write(keys); screen.line(0) shows what the server drew
 * }</pre>
 *
 * <h2>What it reads</h2>
 * BEL, BS, HT, LF/VT/FF, CR, SO, SI; {@code ESC 7 8 D E M c}, {@code ESC ( c} and {@code ESC ) c} (G0 and G1);
 * {@code CSI} {@code A B C D} (CUU, CUD, CUF, CUB), {@code H f} (CUP, HVP), {@code J K} (ED, EL), {@code @ P L M}
 * (ICH, DCH, IL, DL), {@code m} (SGR), {@code h l} (SM, RM, and DEC private modes after {@code ?}), {@code r}
 * (DECSTBM), {@code s u}. Any other complete sequence goes to
 * {@link TerminalDisplay#unhandledControlSequence}; OSC, DCS, PM and APC strings are skipped to their end. CAN and
 * SUB cancel a sequence; a C0 control inside one acts at once, as on a VT102.
 *
 * <h2>Limits</h2>
 * At most {@link #MAX_PARAMETERS} parameters are kept (later ones are dropped), each read as 0 to
 * {@link #MAX_PARAMETER}; the text of an unhandled sequence is cut to {@link #MAX_SEQUENCE} characters. The parser
 * holds no more than that whatever it is sent, and throws nothing for any input: every byte sequence is either
 * drawn, reported as unhandled, or ignored.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ClientProtocol extends Protocol {

    /** The most parameters of a {@code CSI} sequence kept; later ones are dropped. */
    public static final int MAX_PARAMETERS = 16;
    /** The largest value of a parameter; larger ones are read as this. */
    public static final int MAX_PARAMETER = 9999;
    /** The most characters of an unhandled sequence reported. */
    public static final int MAX_SEQUENCE = 64;

    private static final int ESC = 0x1b;

    private enum State { TEXT, ESC, CHARSET, ESC_INTERMEDIATE, CSI, STRING, STRING_ESC }

    private final TerminalDisplay display;
    private final int[] parameters = new int[MAX_PARAMETERS];
    private final StringBuilder sequence = new StringBuilder();
    private State state = State.TEXT;
    private int count;
    private char marker;
    private boolean intermediate;
    private boolean malformed;
    private int charsetG;

    /** A client that draws on {@code display}. */
    public ClientProtocol(TerminalDisplay display) {
        this.display = Objects.requireNonNull(display, "display");
    }

    /** The display this client draws on. */
    public TerminalDisplay display() {
        return display;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        int textStart = -1;
        while (data.hasRemaining()) {
            int at = data.position();
            int b = data.get() & 0xff;
            if (state == State.TEXT && (b >= 0x20 && b != 0x7f)) {
                if (textStart < 0) {
                    textStart = at;
                }
                continue;
            }
            if (textStart >= 0) {
                text(data, textStart, at);
                textStart = -1;
            }
            step(b);
        }
        if (textStart >= 0) {
            text(data, textStart, data.position());
        }
    }

    private void text(ByteBuffer data, int from, int to) {
        byte[] text = new byte[to - from];
        data.get(from, text);
        display.write(text);
    }

    private void step(int b) {
        if (b == ESC) {
            if (state == State.STRING) {
                state = State.STRING_ESC;
            } else {
                state = State.ESC;
                sequence.setLength(0);
                sequence.append("\u001b");
            }
            return;
        }
        if (b == 0x18 || b == 0x1a) {
            state = State.TEXT;
            return;
        }
        switch (state) {
            case TEXT -> control(b);
            case ESC -> escape(b);
            case CHARSET -> {
                state = State.TEXT;
                if (b >= 0x20 && b < 0x7f) {
                    display.selectCharacterSet((char) b, charsetG);
                } else {
                    control(b);
                }
            }
            case ESC_INTERMEDIATE -> {
                if (b >= 0x20 && b < 0x7f) {
                    append(b);
                    if (b >= 0x30) {
                        state = State.TEXT;
                        unhandled();
                    }
                } else {
                    control(b);
                }
            }
            case CSI -> csi(b);
            case STRING -> {
                if (b == 0x07) {
                    state = State.TEXT;
                }
            }
            case STRING_ESC -> state = b == '\\' ? State.TEXT : State.STRING;
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void control(int b) {
        switch (b) {
            case 0x07 -> display.bell();
            case 0x08 -> display.backspace();
            case 0x09 -> display.horizontalTab();
            case 0x0a, 0x0b, 0x0c -> display.lineFeed();
            case 0x0d -> display.carriageReturn();
            case 0x0e -> display.shiftOut();
            case 0x0f -> display.shiftIn();
            default -> {
                // NUL, DEL and the other C0 controls do nothing on a VT102; 8-bit bytes outside text neither.
            }
        }
    }

    private void escape(int b) {
        if (b < 0x20 || b == 0x7f) {
            control(b);
            return;
        }
        append(b);
        state = State.TEXT;
        switch (b) {
            case '[' -> {
                state = State.CSI;
                count = 0;
                Arrays.fill(parameters, 0);
                marker = 0;
                intermediate = false;
                malformed = false;
            }
            case ']', 'P', '_', '^', 'X' -> state = State.STRING;
            case '(', ')' -> {
                state = State.CHARSET;
                charsetG = b == '(' ? 0 : 1;
            }
            case '7' -> display.saveCursor();
            case '8' -> display.restoreCursor();
            case 'D' -> display.index();
            case 'E' -> display.nextLine();
            case 'M' -> display.reverseIndex();
            case 'c' -> display.reset();
            default -> {
                if (b < 0x30) {
                    state = State.ESC_INTERMEDIATE;
                } else {
                    unhandled();
                }
            }
        }
    }

    private void csi(int b) {
        if (b < 0x20) {
            control(b);
            return;
        }
        if (b >= 0x80 || b == 0x7f) {
            return;
        }
        append(b);
        if (b >= '0' && b <= '9') {
            if (intermediate) {
                malformed = true;
            }
            if (count == 0) {
                count = 1;
            }
            if (count <= MAX_PARAMETERS) {
                parameters[count - 1] = Math.min(MAX_PARAMETER, parameters[count - 1] * 10 + (b - '0'));
            }
        } else if (b == ';') {
            count = Math.min(count == 0 ? 2 : count + 1, MAX_PARAMETERS + 1);
        } else if (b >= 0x3c && b <= 0x3f) {
            if (sequence.length() == 3 && marker == 0) {
                marker = (char) b;
            } else {
                malformed = true;
            }
        } else if (b == ':') {
            malformed = true;
        } else if (b < 0x30) {
            intermediate = true;
        } else {
            state = State.TEXT;
            dispatch(b);
        }
    }

    private void dispatch(int b) {
        if (malformed || intermediate || (marker != 0 && marker != '?')) {
            unhandled();
            return;
        }
        int kept = Math.min(count, MAX_PARAMETERS);
        int first = parameters[0];
        int n = Math.max(1, first);
        boolean isPrivate = marker == '?';
        if (isPrivate && b != 'h' && b != 'l') {
            unhandled();
            return;
        }
        switch (b) {
            case 'A' -> display.cursorUp(n);
            case 'B' -> display.cursorDown(n);
            case 'C' -> display.cursorForward(n);
            case 'D' -> display.cursorBackward(n);
            case 'H', 'f' -> display.cursorPosition(Math.max(1, parameters[1]) - 1, n - 1);
            case 'J' -> {
                switch (first) {
                    case 0 -> display.eraseToDisplayEnd();
                    case 1 -> display.eraseToDisplayBeginning();
                    case 2 -> display.eraseDisplay();
                    default -> unhandled();
                }
            }
            case 'K' -> {
                switch (first) {
                    case 0 -> display.eraseToLineEnd();
                    case 1 -> display.eraseToLineBeginning();
                    case 2 -> display.eraseLine();
                    default -> unhandled();
                }
            }
            case '@' -> display.insertCharacter(n);
            case 'P' -> display.deleteCharacter(n);
            case 'L' -> display.insertLine(n);
            case 'M' -> display.deleteLine(n);
            case 'm' -> display.selectGraphicRendition(kept == 0 ? new int[] {0} : Arrays.copyOf(parameters, kept));
            case 'h', 'l' -> modes(b == 'h', isPrivate, Arrays.copyOf(parameters, kept));
            case 'r' -> display.setScrollRegion(n - 1, kept < 2 || parameters[1] == 0 ? -1 : parameters[1] - 1);
            case 's' -> display.saveCursor();
            case 'u' -> display.restoreCursor();
            default -> unhandled();
        }
    }

    private void modes(boolean set, boolean isPrivate, int[] modes) {
        if (modes.length == 0) {
            unhandled();
        } else if (isPrivate) {
            if (set) {
                display.setPrivateModes(modes);
            } else {
                display.resetPrivateModes(modes);
            }
        } else if (set) {
            display.setModes(modes);
        } else {
            display.resetModes(modes);
        }
    }

    private void append(int b) {
        if (sequence.length() < MAX_SEQUENCE) {
            sequence.append((char) b);
        }
    }

    private void unhandled() {
        display.unhandledControlSequence(sequence.toString());
    }
}
