package org.twisted4j.conch.recvline;

import org.twisted4j.conch.insults.FunctionKey;
import org.twisted4j.conch.insults.Keystroke;
import org.twisted4j.conch.insults.TerminalProtocol;
import org.twisted4j.conch.insults.Vt102;

/**
 * A line editor on a terminal (Twisted's {@code recvline.RecvLine}): it shows a prompt, edits what is typed with
 * the left and right arrows, Home and End, Backspace and Delete, Insert to switch between inserting (the default)
 * and overwriting, Tab to insert spaces, and hands the line to {@link #lineReceived} on Return.
 *
 * <pre>{@code
 * final class Echo extends RecvLine {
 *     protected void lineReceived(String line) {
 *         terminal().write("you said " + line);
 *         terminal().nextLine();
 *         showPrompt();
 *     }
 * }
 * }</pre>
 *
 * <p>It draws with VT102's insert mode and character deletion, so the terminal redraws only what moves. A line is
 * at most {@link #MAX_LINE} characters; it does not wrap at the terminal's edge (as in Twisted). Keys it does not
 * edit with go to {@link #unhandledKey}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class RecvLine extends TerminalProtocol {

    /** The longest line taken, in characters; more are refused. */
    public static final int MAX_LINE = 4096;
    /** The prompt by default. */
    public static final String DEFAULT_PROMPT = "> ";

    private static final int TAB_WIDTH = 4;

    private final StringBuilder line = new StringBuilder();
    private int index;
    private boolean insert = true;
    private int columns = 80;
    private int rows = 24;

    /** A line editor. */
    public RecvLine() {
    }

    /** Resets the screen, shows the prompt and turns insert mode on. */
    @Override
    public void connectionMade() {
        terminal().reset();
        terminal().setModes(Vt102.IRM);
        showPrompt();
    }

    @Override
    public void terminalSize(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The terminal's width. */
    protected final int columns() {
        return columns;
    }

    /** The terminal's height. */
    protected final int rows() {
        return rows;
    }

    /** The prompt shown before each line; {@link #DEFAULT_PROMPT} unless overridden. */
    protected String prompt() {
        return DEFAULT_PROMPT;
    }

    /** Writes the prompt and the line being edited, with the cursor where the editing is. */
    protected final void showPrompt() {
        terminal().write(prompt() + line);
        if (index < line.length()) {
            terminal().cursorBackward(line.length() - index);
        }
    }

    /** The line being edited. */
    protected final String currentLine() {
        return line.toString();
    }

    /** The cursor's place in the line being edited, from 0. */
    protected final int cursorIndex() {
        return index;
    }

    /** Whether typing inserts (else it overwrites). */
    protected final boolean insertMode() {
        return insert;
    }

    /** Replaces the line being edited, on screen too, with the cursor at its end. */
    protected final void replaceLine(String text) {
        if (index > 0) {
            terminal().cursorBackward(index);
        }
        terminal().eraseToLineEnd();
        line.setLength(0);
        line.append(text, 0, Math.min(text.length(), MAX_LINE));
        index = line.length();
        if (!line.isEmpty()) {
            terminal().write(line.toString());
        }
    }

    /** Called with each line entered, without its end. Does nothing by default; a subclass shows the next prompt. */
    protected void lineReceived(String line) {
    }

    /** A key the editor does not use (control keys, function keys). Ignored by default. */
    protected void unhandledKey(Keystroke key) {
    }

    @Override
    public void keystrokeReceived(Keystroke key) {
        FunctionKey function = key.function();
        if (key.isPrintable()) {
            characterReceived(key.character());
        } else if (function != null && !key.alt()) {
            switch (function) {
                case LEFT_ARROW -> handleLeft();
                case RIGHT_ARROW -> handleRight();
                case HOME -> handleHome();
                case END -> handleEnd();
                case DELETE -> handleDelete();
                case INSERT -> handleInsert();
                case UP_ARROW -> handleUp();
                case DOWN_ARROW -> handleDown();
                default -> unhandledKey(key);
            }
        } else if (key.is('\r') || key.is('\n')) {
            handleReturn();
        } else if (key.is(Keystroke.BACKSPACE) || key.is('\b')) {
            handleBackspace();
        } else if (key.is('\t')) {
            int spaces = TAB_WIDTH - index % TAB_WIDTH;
            for (int i = 0; i < spaces; i++) {
                characterReceived(' ');
            }
        } else {
            unhandledKey(key);
        }
    }

    /** Inserts or overwrites a character at the cursor. */
    protected void characterReceived(int character) {
        String text = new String(Character.toChars(character));
        if (insert || index == line.length()) {
            if (line.length() >= MAX_LINE) {
                return;
            }
            line.insert(index, text);
        } else {
            line.replace(index, index + 1, text);
        }
        index += text.length();
        terminal().write(text);
    }

    /** Return: the line is handed over and a new one starts. */
    protected void handleReturn() {
        String entered = line.toString();
        line.setLength(0);
        index = 0;
        terminal().nextLine();
        lineReceived(entered);
    }

    /** Backspace: deletes the character before the cursor. */
    protected void handleBackspace() {
        if (index > 0) {
            index--;
            line.deleteCharAt(index);
            terminal().cursorBackward(1);
            terminal().deleteCharacter(1);
        }
    }

    /** Delete: deletes the character at the cursor. */
    protected void handleDelete() {
        if (index < line.length()) {
            line.deleteCharAt(index);
            terminal().deleteCharacter(1);
        }
    }

    /** Left arrow. */
    protected void handleLeft() {
        if (index > 0) {
            index--;
            terminal().cursorBackward(1);
        }
    }

    /** Right arrow. */
    protected void handleRight() {
        if (index < line.length()) {
            index++;
            terminal().cursorForward(1);
        }
    }

    /** Home: to the start of the line. */
    protected void handleHome() {
        if (index > 0) {
            terminal().cursorBackward(index);
            index = 0;
        }
    }

    /** End: to the end of the line. */
    protected void handleEnd() {
        if (index < line.length()) {
            terminal().cursorForward(line.length() - index);
            index = line.length();
        }
    }

    /** Insert: switches between inserting and overwriting. */
    protected void handleInsert() {
        insert = !insert;
        if (insert) {
            terminal().setModes(Vt102.IRM);
        } else {
            terminal().resetModes(Vt102.IRM);
        }
    }

    /** Up arrow: nothing here; {@link HistoricRecvLine} recalls the previous line. */
    protected void handleUp() {
    }

    /** Down arrow: nothing here; {@link HistoricRecvLine} recalls the next line. */
    protected void handleDown() {
    }
}
