package org.twisted4j.conch.insults;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Transport;

/**
 * An in-memory VT102 screen for tests (Twisted's {@code insults.helper.TerminalBuffer}): a {@link Transport} that
 * interprets what is written to it as a terminal would, so that a test connects a {@link ServerProtocol} to it
 * and reads the screen back line by line.
 *
 * <pre>{@code
 * TerminalBuffer screen = new TerminalBuffer(80, 24);
 * ServerProtocol server = new ServerProtocol(MyLineEditor::new);
 * server.makeConnection(screen);
 * server.dataReceived(ByteBuffer.wrap("abc\u001b[D\u001b[DX".getBytes()));
 * assertThat(screen.line(0)).isEqualTo("> aXbc");
 * }</pre>
 *
 * <p>The bytes written to it are read by a {@link ClientProtocol}, which calls this screen's {@link #display()};
 * a test can also hand that display to a {@link ClientProtocol} of its own, to render what a real server drew.
 * The screen draws what {@link ClientProtocol} reads: the sequences {@link ServerProtocol} writes and a few more,
 * with insert mode (IRM), a scrolling region (DECSTBM), G0/G1 with DEC line drawing, SGR 30 to 37, 39, 40 to 47
 * and 49. The cursor wraps at the right margin and the screen scrolls at the bottom of the region. Other input
 * is ignored.
 *
 * <h2>Threading</h2>
 * One thread at a time.
 */
public final class TerminalBuffer implements Transport {

    private static final Address ADDRESS = new IPv4Address(AddressType.TCP, "127.0.0.1", 0);
    private static final int TAB = 8;
    /** What a byte sequence that is not UTF-8 is drawn as. */
    private static final int REPLACEMENT = 0xfffd;

    /** DEC special graphics for 0x5f to 0x7e, as a VT102 draws them once {@code ESC ( 0} selects them. */
    private static final String LINE_DRAWING = "\u00a0\u25c6\u2592\u2409\u240c\u240d\u240a\u00b0\u00b1\u2424"
            + "\u240b\u2518\u2510\u250c\u2514\u253c\u23ba\u23bb\u2500\u23bc\u23bd\u251c\u2524\u2534\u252c"
            + "\u2502\u2264\u2265\u03c0\u2260\u00a3\u00b7";

    private final int columns;
    private final int rows;
    private final List<int[]> cells = new ArrayList<>();
    private final List<int[]> renditions = new ArrayList<>();
    private final ClientProtocol parser = new ClientProtocol(new Screen());
    private final Screen screen = (Screen) parser.display();
    private int column;
    private int row;
    private int savedColumn;
    private int savedRow;
    private int rendition;
    private int savedRendition;
    private boolean insert;
    private boolean disconnecting;
    private int codePoint;
    private int continuation;
    private int top;
    private int bottom;
    private char g0 = 'B';
    private char g1 = 'B';
    private boolean shifted;
    private int bells;

    /**
     * A blank screen.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public TerminalBuffer(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("not a screen size: " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        this.bottom = rows - 1;
        for (int i = 0; i < rows; i++) {
            cells.add(blank());
            renditions.add(new int[columns]);
        }
    }

    /** The text of a row, without the blanks at its end. */
    public String line(int row) {
        int[] line = cells.get(row);
        int end = columns;
        while (end > 0 && line[end - 1] == ' ') {
            end--;
        }
        return new String(line, 0, end);
    }

    /** The screen's text: its rows joined with newlines, without the blank rows at the bottom. */
    public String screen() {
        int end = rows;
        while (end > 0 && line(end - 1).isEmpty()) {
            end--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < end; i++) {
            out.append(i == 0 ? "" : "\n").append(line(i));
        }
        return out.toString();
    }

    /** The cursor's column, from 0. */
    public int cursorColumn() {
        return Math.min(column, columns - 1);
    }

    /** The cursor's row, from 0. */
    public int cursorRow() {
        return row;
    }

    /**
     * The graphic renditions a cell was written with, as SGR numbers in order: bold 1, underline 4, blink 5,
     * reverse 7, then the foreground (30 to 37) and background (40 to 47) colours set; empty for normal text.
     */
    public List<Integer> renditionAt(int column, int row) {
        int bits = renditions.get(row)[column];
        List<Integer> out = new ArrayList<>();
        for (int sgr : new int[] {Vt102.BOLD, Vt102.UNDERLINE, Vt102.BLINK, Vt102.REVERSE}) {
            if ((bits & 1 << sgr) != 0) {
                out.add(sgr);
            }
        }
        if ((bits >> 8 & 0xf) != 0) {
            out.add(Vt102.FOREGROUND - 1 + (bits >> 8 & 0xf));
        }
        if ((bits >> 12 & 0xf) != 0) {
            out.add(Vt102.BACKGROUND - 1 + (bits >> 12 & 0xf));
        }
        return out;
    }

    /** Whether insert mode (IRM) is on. */
    public boolean insertMode() {
        return insert;
    }

    /**
     * This screen as a {@link TerminalDisplay}, to be drawn on by a {@link ClientProtocol} (what {@link #write} does
     * with the bytes written to it) or called directly.
     */
    public TerminalDisplay display() {
        return screen;
    }

    /** How many times the bell rang. */
    public int bells() {
        return bells;
    }

    @Override
    public void write(ByteBuffer data) {
        parser.dataReceived(data);
    }

    /** The screen's drawing operations, called by {@link #parser}. */
    private final class Screen implements TerminalDisplay {

        @Override
        public void write(byte[] data) {
            for (byte value : data) {
                text(value & 0xff);
            }
        }

        @Override
        public void bell() {
            bells++;
        }

        @Override
        public void carriageReturn() {
            column = 0;
        }

        @Override
        public void lineFeed() {
            index();
        }

        @Override
        public void backspace() {
            column = Math.max(0, cursorColumn() - 1);
        }

        @Override
        public void horizontalTab() {
            column = Math.min(columns - 1, (cursorColumn() / TAB + 1) * TAB);
        }

        @Override
        public void shiftIn() {
            shifted = false;
        }

        @Override
        public void shiftOut() {
            shifted = true;
        }

        @Override
        public void selectCharacterSet(char charset, int g) {
            if (g == 0) {
                g0 = charset;
            } else {
                g1 = charset;
            }
        }

        @Override
        public void cursorUp(int n) {
            row = Math.max(row >= top ? top : 0, row - n);
        }

        @Override
        public void cursorDown(int n) {
            row = Math.min(row <= bottom ? bottom : rows - 1, row + n);
        }

        @Override
        public void cursorForward(int n) {
            column = Math.min(columns - 1, cursorColumn() + n);
        }

        @Override
        public void cursorBackward(int n) {
            column = Math.max(0, cursorColumn() - n);
        }

        @Override
        public void cursorPosition(int column, int row) {
            TerminalBuffer.this.row = Math.min(rows - 1, row);
            TerminalBuffer.this.column = Math.min(columns - 1, column);
        }

        @Override
        public void cursorHome() {
            cursorPosition(0, 0);
        }

        @Override
        public void nextLine() {
            column = 0;
            index();
        }

        @Override
        public void index() {
            TerminalBuffer.this.index();
        }

        @Override
        public void reverseIndex() {
            if (row == top) {
                scroll(top, false);
            } else if (row > 0) {
                row--;
            }
        }

        @Override
        public void saveCursor() {
            savedColumn = column;
            savedRow = row;
            savedRendition = rendition;
        }

        @Override
        public void restoreCursor() {
            column = savedColumn;
            row = savedRow;
            rendition = savedRendition;
        }

        @Override
        public void setModes(int... modes) {
            modes(modes, true);
        }

        @Override
        public void resetModes(int... modes) {
            modes(modes, false);
        }

        private void modes(int[] modes, boolean on) {
            for (int mode : modes) {
                if (mode == Vt102.IRM) {
                    insert = on;
                }
            }
        }

        @Override
        public void setPrivateModes(int... modes) {
        }

        @Override
        public void resetPrivateModes(int... modes) {
        }

        @Override
        public void selectGraphicRendition(int... attributes) {
            graphics(attributes);
        }

        @Override
        public void eraseToLineEnd() {
            erase(row, cursorColumn(), columns);
        }

        @Override
        public void eraseToLineBeginning() {
            erase(row, 0, cursorColumn() + 1);
        }

        @Override
        public void eraseLine() {
            erase(row, 0, columns);
        }

        @Override
        public void eraseToDisplayEnd() {
            erase(row, cursorColumn(), columns);
            for (int i = row + 1; i < rows; i++) {
                erase(i, 0, columns);
            }
        }

        @Override
        public void eraseToDisplayBeginning() {
            for (int i = 0; i < row; i++) {
                erase(i, 0, columns);
            }
            erase(row, 0, cursorColumn() + 1);
        }

        @Override
        public void eraseDisplay() {
            for (int i = 0; i < rows; i++) {
                erase(i, 0, columns);
            }
        }

        @Override
        public void deleteCharacter(int n) {
            int at = cursorColumn();
            int count = Math.min(n, columns - at);
            for (int[] line : List.of(cells.get(row), renditions.get(row))) {
                System.arraycopy(line, at + count, line, at, columns - at - count);
            }
            erase(row, columns - count, columns);
        }

        @Override
        public void insertCharacter(int n) {
            int at = cursorColumn();
            int count = Math.min(n, columns - at);
            for (int[] line : List.of(cells.get(row), renditions.get(row))) {
                System.arraycopy(line, at, line, at + count, columns - at - count);
            }
            erase(row, at, at + count);
        }

        @Override
        public void insertLine(int n) {
            if (row >= top && row <= bottom) {
                for (int i = 0; i < Math.min(n, bottom - row + 1); i++) {
                    scroll(row, false);
                }
            }
        }

        @Override
        public void deleteLine(int n) {
            if (row >= top && row <= bottom) {
                for (int i = 0; i < Math.min(n, bottom - row + 1); i++) {
                    scroll(row, true);
                }
            }
        }

        @Override
        public void setScrollRegion(int top, int bottom) {
            int last = bottom < 0 ? rows - 1 : Math.min(rows - 1, bottom);
            if (top < last) {
                TerminalBuffer.this.top = top;
                TerminalBuffer.this.bottom = last;
                cursorHome();
            }
        }

        @Override
        public void reset() {
            for (int i = 0; i < rows; i++) {
                cells.set(i, blank());
                renditions.set(i, new int[columns]);
            }
            column = 0;
            row = 0;
            rendition = 0;
            insert = false;
            top = 0;
            bottom = rows - 1;
            g0 = 'B';
            g1 = 'B';
            shifted = false;
        }

        @Override
        public void loseConnection() {
            disconnecting = true;
        }
    }

    private void text(int b) {
        if (continuation > 0) {
            codePoint = codePoint << 6 | (b & 0x3f);
            if (--continuation == 0) {
                // Overlong forms of ASCII and the C1 controls (below 0xa0) are not drawn as themselves either.
                boolean valid = codePoint >= 0xa0 && Character.isValidCodePoint(codePoint)
                        && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                put(valid ? codePoint : REPLACEMENT);
            }
            return;
        }
        if (b >= 0xf8) {
            put(REPLACEMENT);
        } else if (b >= 0xf0) {
            codePoint = b & 0x07;
            continuation = 3;
        } else if (b >= 0xe0) {
            codePoint = b & 0x0f;
            continuation = 2;
        } else if (b >= 0xc0) {
            codePoint = b & 0x1f;
            continuation = 1;
        } else if (b >= 0x20 && b != 0x7f && b < 0x80) {
            char charset = shifted ? g1 : g0;
            put(charset == '0' && b >= 0x5f ? LINE_DRAWING.charAt(b - 0x5f) : b);
        }
    }

    private void put(int c) {
        if (column >= columns) {
            column = 0;
            index();
        }
        int[] line = cells.get(row);
        int[] attributes = renditions.get(row);
        if (insert) {
            System.arraycopy(line, column, line, column + 1, columns - column - 1);
            System.arraycopy(attributes, column, attributes, column + 1, columns - column - 1);
        }
        line[column] = c;
        attributes[column] = rendition;
        column++;
    }

    private void graphics(int[] params) {
        for (int sgr : params) {
            if (sgr == Vt102.NORMAL) {
                rendition = 0;
            } else if (sgr == Vt102.BOLD || sgr == Vt102.UNDERLINE || sgr == Vt102.BLINK || sgr == Vt102.REVERSE) {
                rendition |= 1 << sgr;
            } else if (sgr >= 30 && sgr <= 37) {
                rendition = rendition & ~0xf00 | (sgr - 29) << 8;
            } else if (sgr == 39) {
                rendition &= ~0xf00;
            } else if (sgr >= 40 && sgr <= 47) {
                rendition = rendition & ~0xf000 | (sgr - 39) << 12;
            } else if (sgr == 49) {
                rendition &= ~0xf000;
            }
        }
    }

    private void index() {
        if (row == bottom) {
            scroll(top, true);
        } else if (row < rows - 1) {
            row++;
        }
    }

    /**
     * Removes the row {@code at} and adds a blank one at the bottom of the scrolling region, or adds a blank one at
     * it and drops the region's last.
     */
    private void scroll(int at, boolean up) {
        if (up) {
            cells.remove(at);
            renditions.remove(at);
            cells.add(bottom, blank());
            renditions.add(bottom, new int[columns]);
        } else {
            cells.remove(bottom);
            renditions.remove(bottom);
            cells.add(at, blank());
            renditions.add(at, new int[columns]);
        }
    }

    private void erase(int row, int from, int to) {
        Arrays.fill(cells.get(row), from, to, ' ');
        Arrays.fill(renditions.get(row), from, to, 0);
    }

    private int[] blank() {
        int[] line = new int[columns];
        Arrays.fill(line, ' ');
        return line;
    }

    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    @Override
    public void abortConnection() {
        disconnecting = true;
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    @Override
    public Address getPeer() {
        return ADDRESS;
    }

    @Override
    public Address getHost() {
        return ADDRESS;
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
    }

    @Override
    public void unregisterProducer() {
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void stopProducing() {
        disconnecting = true;
    }
}
