package org.twisted4j.conch.insults;

import org.jspecify.annotations.Nullable;

/**
 * One key the user pressed: a character (control characters included, such as {@code '\r'} or {@code 0x7f}) or a
 * {@link FunctionKey}, perhaps with Alt (sent as an {@code ESC} before it).
 *
 * @param function the function key, or null for a character
 * @param character the character's code point, or -1 for a function key
 * @param alt whether Alt was held
 */
public record Keystroke(@Nullable FunctionKey function, int character, boolean alt) {

    /** Control-C. */
    public static final int CONTROL_C = 3;
    /** Control-D. */
    public static final int CONTROL_D = 4;
    /** Control-L. */
    public static final int CONTROL_L = 12;
    /** Backspace as most terminals send it (DEL). */
    public static final int BACKSPACE = 0x7f;

    /** A character. */
    public static Keystroke of(int character) {
        return new Keystroke(null, character, false);
    }

    /** A function key. */
    public static Keystroke of(FunctionKey key) {
        return new Keystroke(key, -1, false);
    }

    /** Whether this is the character {@code c} without Alt. */
    public boolean is(int c) {
        return function == null && character == c && !alt;
    }

    /** Whether this is the function key {@code key} without Alt. */
    public boolean is(FunctionKey key) {
        return function == key && !alt;
    }

    /** Whether this is a printable character (not a control character, not with Alt). */
    public boolean isPrintable() {
        return function == null && !alt && character >= 0x20 && character != 0x7f && !Character.isISOControl(character);
    }

    @Override
    public String toString() {
        String key = function != null ? function.name() : character < 0x20 || character == 0x7f
                ? String.format("^%c", (char) (character ^ 0x40)) : new String(Character.toChars(character));
        return alt ? "Alt-" + key : key;
    }
}
