package org.twisted4j.conch.insults;

/**
 * What a {@link ClientProtocol} draws on: the {@link Terminal} calls a server made, read back from its VT102
 * stream, plus the controls {@link Terminal} has no method for (Twisted's {@code ClientProtocol} calls them on its
 * terminal protocol). {@link TerminalBuffer#display()} is one that draws in memory.
 *
 * <p>Text reaches {@link #write(byte[])} as the server sent it (UTF-8, possibly cut inside a character at the end
 * of a read), never with a control character in it. The methods this interface adds do nothing by default.
 * Rows and columns count from 0; counts are at least 1 and at most {@link ClientProtocol#MAX_PARAMETER}.
 *
 * <h2>Threading</h2>
 * Called on the thread that feeds the {@link ClientProtocol}, the reactor's for a connection.
 */
public interface TerminalDisplay extends Terminal {

    /** Inserts {@code n} blanks at the cursor (ICH); the rest of the line moves right. */
    default void insertCharacter(int n) {
    }

    /**
     * Sets the scrolling region (DECSTBM) and moves the cursor home.
     *
     * @param top the first row of the region
     * @param bottom the last row of the region, or -1 for the screen's last row
     */
    default void setScrollRegion(int top, int bottom) {
    }

    /**
     * Designates a character set ({@code ESC ( c} or {@code ESC ) c}).
     *
     * @param charset the set's final byte: {@code B} US ASCII, {@code A} UK, {@code 0} DEC line drawing...
     * @param g 0 for G0, 1 for G1
     */
    default void selectCharacterSet(char charset, int g) {
    }

    /** Shift in (SI): G0 becomes the character set in use. */
    default void shiftIn() {
    }

    /** Shift out (SO): G1 becomes the character set in use. */
    default void shiftOut() {
    }

    /** The bell (BEL). */
    default void bell() {
    }

    /** A horizontal tab (HT). */
    default void horizontalTab() {
    }

    /** A carriage return (CR). */
    default void carriageReturn() {
    }

    /** A line feed (LF, and VT and FF, which VT102 treats as LF). */
    default void lineFeed() {
    }

    /** A backspace (BS). */
    default void backspace() {
    }

    /**
     * A sequence the protocol parsed but has no call for (a report request, a keypad mode, an OSC title...),
     * as text, cut to {@link ClientProtocol#MAX_SEQUENCE} characters.
     */
    default void unhandledControlSequence(String sequence) {
    }
}
