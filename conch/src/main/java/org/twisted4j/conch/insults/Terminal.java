package org.twisted4j.conch.insults;

import java.nio.charset.StandardCharsets;

/**
 * A terminal as a {@link TerminalProtocol} drives it (Twisted's {@code ITerminalTransport}): text, cursor moves,
 * erasing and attributes. {@link ServerProtocol} implements it by writing VT102's escape sequences.
 *
 * <p>Rows and columns count from 0; counts ({@code n}) are at least 1.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface Terminal {

    /** Writes bytes as they are (UTF-8 text, or sequences this interface has no method for). */
    void write(byte[] data);

    /** Writes text in UTF-8. */
    default void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Moves the cursor up {@code n} rows. */
    void cursorUp(int n);

    /** Moves the cursor down {@code n} rows. */
    void cursorDown(int n);

    /** Moves the cursor right {@code n} columns. */
    void cursorForward(int n);

    /** Moves the cursor left {@code n} columns. */
    void cursorBackward(int n);

    /** Moves the cursor to a column and row. */
    void cursorPosition(int column, int row);

    /** Moves the cursor to the top left corner. */
    void cursorHome();

    /** Moves to the start of the next line, scrolling at the bottom. */
    void nextLine();

    /** Moves down a row, scrolling at the bottom. */
    void index();

    /** Moves up a row, scrolling back at the top. */
    void reverseIndex();

    /** Saves the cursor's position and attributes. */
    void saveCursor();

    /** Restores what {@link #saveCursor()} saved. */
    void restoreCursor();

    /** Sets ANSI modes, such as {@link Vt102#IRM}. */
    void setModes(int... modes);

    /** Resets ANSI modes. */
    void resetModes(int... modes);

    /** Sets DEC private modes, such as {@link Vt102#DECTCEM}. */
    void setPrivateModes(int... modes);

    /** Resets DEC private modes. */
    void resetPrivateModes(int... modes);

    /** Sets graphic renditions ({@link Vt102#BOLD}, colours...) for what is written next. */
    void selectGraphicRendition(int... attributes);

    /** Erases from the cursor to the end of the line. */
    void eraseToLineEnd();

    /** Erases from the start of the line to the cursor. */
    void eraseToLineBeginning();

    /** Erases the cursor's line. */
    void eraseLine();

    /** Erases from the cursor to the end of the screen. */
    void eraseToDisplayEnd();

    /** Erases from the start of the screen to the cursor. */
    void eraseToDisplayBeginning();

    /** Erases the screen. */
    void eraseDisplay();

    /** Deletes {@code n} characters at the cursor; the rest of the line moves left. */
    void deleteCharacter(int n);

    /** Inserts {@code n} blank lines at the cursor's row. */
    void insertLine(int n);

    /** Deletes {@code n} lines at the cursor's row. */
    void deleteLine(int n);

    /** Resets the terminal to its initial state. */
    void reset();

    /** Closes the connection to the terminal. */
    void loseConnection();
}
