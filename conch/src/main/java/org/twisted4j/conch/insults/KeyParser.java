package org.twisted4j.conch.insults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An incremental parser of what a terminal sends: UTF-8 characters, and the escape sequences of arrow, editing
 * and function keys in both their normal ({@code ESC [ A}, {@code ESC [ 3 ~}) and application
 * ({@code ESC O A}) forms, as xterm, the Linux console, tmux and screen send them. {@code ESC} before a
 * character is Alt. Input split at any byte parses the same; a sequence longer than {@link #MAX_SEQUENCE} or
 * one not known is reported whole as unhandled, and malformed UTF-8 becomes U+FFFD.
 *
 * <p>A lone {@code ESC} waits for the byte after it, as in Twisted.
 *
 * <h2>Threading</h2>
 * One parser per connection, used on one thread at a time.
 */
public final class KeyParser {

    /** The longest escape sequence taken, in bytes. */
    public static final int MAX_SEQUENCE = 32;

    /** What the parser finds. */
    public interface Listener {

        /** A key. */
        void keystrokeReceived(Keystroke key);

        /** An escape sequence that names no key, such as a cursor position report, whole. */
        void unhandledControlSequence(String sequence);
    }

    private static final Map<Character, FunctionKey> FINALS = Map.of('A', FunctionKey.UP_ARROW,
            'B', FunctionKey.DOWN_ARROW, 'C', FunctionKey.RIGHT_ARROW, 'D', FunctionKey.LEFT_ARROW,
            'H', FunctionKey.HOME, 'F', FunctionKey.END);
    private static final Map<Character, FunctionKey> SS3 = Map.of('P', FunctionKey.F1, 'Q', FunctionKey.F2,
            'R', FunctionKey.F3, 'S', FunctionKey.F4);
    private static final Map<Integer, FunctionKey> TILDE = Map.ofEntries(Map.entry(1, FunctionKey.HOME),
            Map.entry(2, FunctionKey.INSERT), Map.entry(3, FunctionKey.DELETE), Map.entry(4, FunctionKey.END),
            Map.entry(5, FunctionKey.PGUP), Map.entry(6, FunctionKey.PGDN), Map.entry(7, FunctionKey.HOME),
            Map.entry(8, FunctionKey.END), Map.entry(11, FunctionKey.F1), Map.entry(12, FunctionKey.F2),
            Map.entry(13, FunctionKey.F3), Map.entry(14, FunctionKey.F4), Map.entry(15, FunctionKey.F5),
            Map.entry(17, FunctionKey.F6), Map.entry(18, FunctionKey.F7), Map.entry(19, FunctionKey.F8),
            Map.entry(20, FunctionKey.F9), Map.entry(21, FunctionKey.F10), Map.entry(23, FunctionKey.F11),
            Map.entry(24, FunctionKey.F12));
    private static final int ESC = 0x1b;

    private enum State { TEXT, ESC, CSI, SS3 }

    private final Listener listener;
    private final StringBuilder sequence = new StringBuilder();
    private State state = State.TEXT;
    private boolean alt;
    private int codePoint;
    private int continuation;

    /** A parser that reports to {@code listener}. */
    public KeyParser(Listener listener) {
        this.listener = listener;
    }

    /** Parses the bytes between {@code input}'s position and limit, and moves the position to the limit. */
    public void parse(ByteBuffer input) {
        while (input.hasRemaining()) {
            int b = input.get() & 0xff;
            switch (state) {
                case TEXT -> text(b);
                case ESC -> afterEscape(b);
                case CSI -> csi(b);
                case SS3 -> ss3(b);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void text(int b) {
        if (continuation > 0) {
            if ((b & 0xc0) == 0x80) {
                codePoint = codePoint << 6 | (b & 0x3f);
                if (--continuation == 0) {
                    key(Keystroke.of(Character.isValidCodePoint(codePoint) ? codePoint : 0xfffd));
                }
                return;
            }
            continuation = 0;
            key(Keystroke.of(0xfffd));
        }
        if (b == ESC) {
            state = State.ESC;
        } else if (b < 0x80) {
            key(Keystroke.of(b));
        } else if (b >= 0xc2 && b <= 0xdf) {
            codePoint = b & 0x1f;
            continuation = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
            codePoint = b & 0x0f;
            continuation = 2;
        } else if (b >= 0xf0 && b <= 0xf4) {
            codePoint = b & 0x07;
            continuation = 3;
        } else {
            key(Keystroke.of(0xfffd));
        }
    }

    private void afterEscape(int b) {
        switch (b) {
            case '[' -> {
                state = State.CSI;
                sequence.setLength(0);
            }
            case 'O' -> state = State.SS3;
            case ESC -> {
                alt = true;
                state = State.ESC;
            }
            default -> {
                state = State.TEXT;
                alt = true;
                text(b);
            }
        }
    }

    private void csi(int b) {
        if (b >= 0x40 && b <= 0x7e) {
            state = State.TEXT;
            String params = sequence.toString();
            FunctionKey key = b == '~' ? TILDE.get(firstParameter(params)) : FINALS.get((char) b);
            boolean withAlt = params.endsWith(";3") || params.endsWith(";9");
            if (key != null && (params.isEmpty() || b == '~' || params.startsWith("1;"))) {
                if (withAlt) {
                    alt = true;
                }
                key(Keystroke.of(key));
            } else {
                unhandled("\u001b[" + params + (char) b);
            }
        } else if (b < 0x20 || b > 0x7e || sequence.length() >= MAX_SEQUENCE) {
            state = State.TEXT;
            unhandled("\u001b[" + sequence + (char) b);
        } else {
            sequence.append((char) b);
        }
    }

    private void ss3(int b) {
        state = State.TEXT;
        FunctionKey key = FINALS.get((char) b);
        if (key == null) {
            key = SS3.get((char) b);
        }
        if (key != null) {
            key(Keystroke.of(key));
        } else {
            unhandled("\u001bO" + new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1));
        }
    }

    private static int firstParameter(String params) {
        int end = params.indexOf(';');
        String first = end < 0 ? params : params.substring(0, end);
        if (first.isEmpty() || first.length() > 3 || !first.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(first);
    }

    private void key(Keystroke key) {
        Keystroke withAlt = alt ? new Keystroke(key.function(), key.character(), true) : key;
        alt = false;
        listener.keystrokeReceived(withAlt);
    }

    private void unhandled(String text) {
        alt = false;
        listener.unhandledControlSequence(text);
    }
}
