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
 * <p>It knows the sequences {@link ServerProtocol} writes and a few more: CR, LF, BS, TAB; {@code ESC 7 8 D M E c};
 * CSI {@code A B C D H f K J P @ L M m h l} with insert mode (IRM). The cursor wraps at the right margin and the
 * screen scrolls at the bottom. Other input is ignored.
 *
 * <h2>Threading</h2>
 * One thread at a time.
 */
public final class TerminalBuffer implements Transport {

    private static final Address ADDRESS = new IPv4Address(AddressType.TCP, "127.0.0.1", 0);
    private static final int TAB = 8;

    private enum State { TEXT, ESC, CSI }

    private final int columns;
    private final int rows;
    private final List<int[]> cells = new ArrayList<>();
    private final List<int[]> renditions = new ArrayList<>();
    private final StringBuilder parameters = new StringBuilder();
    private State state = State.TEXT;
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

    @Override
    public void write(ByteBuffer data) {
        while (data.hasRemaining()) {
            int b = data.get() & 0xff;
            switch (state) {
                case TEXT -> text(b);
                case ESC -> escape(b);
                case CSI -> csi(b);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void text(int b) {
        if (continuation > 0) {
            codePoint = codePoint << 6 | (b & 0x3f);
            if (--continuation == 0) {
                put(codePoint);
            }
            return;
        }
        switch (b) {
            case 0x1b -> state = State.ESC;
            case '\r' -> column = 0;
            case '\n', 0x0b, 0x0c -> index();
            case '\b' -> column = Math.max(0, cursorColumn() - 1);
            case '\t' -> column = Math.min(columns - 1, (cursorColumn() / TAB + 1) * TAB);
            default -> {
                if (b >= 0xf0) {
                    codePoint = b & 0x07;
                    continuation = 3;
                } else if (b >= 0xe0) {
                    codePoint = b & 0x0f;
                    continuation = 2;
                } else if (b >= 0xc0) {
                    codePoint = b & 0x1f;
                    continuation = 1;
                } else if (b >= 0x20 && b != 0x7f && b < 0x80) {
                    put(b);
                }
            }
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

    private void escape(int b) {
        state = State.TEXT;
        switch (b) {
            case '[' -> {
                state = State.CSI;
                parameters.setLength(0);
            }
            case '7' -> {
                savedColumn = column;
                savedRow = row;
                savedRendition = rendition;
            }
            case '8' -> {
                column = savedColumn;
                row = savedRow;
                rendition = savedRendition;
            }
            case 'D' -> index();
            case 'E' -> {
                column = 0;
                index();
            }
            case 'M' -> {
                if (row == 0) {
                    scroll(0, false);
                } else {
                    row--;
                }
            }
            case 'c' -> {
                for (int i = 0; i < rows; i++) {
                    cells.set(i, blank());
                    renditions.set(i, new int[columns]);
                }
                column = 0;
                row = 0;
                rendition = 0;
                insert = false;
            }
            default -> {
                // Not a VT102 escape this screen knows: ignored.
            }
        }
    }

    private void csi(int b) {
        if (b < 0x40 || b > 0x7e) {
            parameters.append((char) b);
            return;
        }
        state = State.TEXT;
        boolean isPrivate = parameters.length() > 0 && parameters.charAt(0) == '?';
        int[] params = parse(isPrivate ? parameters.substring(1) : parameters.toString());
        int n = params.length == 0 || params[0] == 0 ? 1 : params[0];
        int first = params.length == 0 ? 0 : params[0];
        int[] line = cells.get(row);
        switch (b) {
            case 'A' -> row = Math.max(0, row - n);
            case 'B' -> row = Math.min(rows - 1, row + n);
            case 'C' -> column = Math.min(columns - 1, cursorColumn() + n);
            case 'D' -> column = Math.max(0, cursorColumn() - n);
            case 'H', 'f' -> {
                row = Math.min(rows - 1, Math.max(1, first) - 1);
                column = Math.min(columns - 1, Math.max(1, params.length > 1 ? params[1] : 1) - 1);
            }
            case 'K' -> erase(row, first == 0 ? cursorColumn() : 0, first == 1 ? cursorColumn() + 1 : columns);
            case 'J' -> {
                if (first == 2) {
                    for (int i = 0; i < rows; i++) {
                        erase(i, 0, columns);
                    }
                } else if (first == 1) {
                    for (int i = 0; i < row; i++) {
                        erase(i, 0, columns);
                    }
                    erase(row, 0, cursorColumn() + 1);
                } else {
                    erase(row, cursorColumn(), columns);
                    for (int i = row + 1; i < rows; i++) {
                        erase(i, 0, columns);
                    }
                }
            }
            case 'P' -> {
                int at = cursorColumn();
                int count = Math.min(n, columns - at);
                System.arraycopy(line, at + count, line, at, columns - at - count);
                Arrays.fill(line, columns - count, columns, ' ');
            }
            case '@' -> {
                int at = cursorColumn();
                int count = Math.min(n, columns - at);
                System.arraycopy(line, at, line, at + count, columns - at - count);
                Arrays.fill(line, at, at + count, ' ');
            }
            case 'L' -> {
                for (int i = 0; i < n; i++) {
                    scroll(row, false);
                }
            }
            case 'M' -> {
                for (int i = 0; i < n; i++) {
                    scroll(row, true);
                }
            }
            case 'm' -> graphics(params);
            case 'h', 'l' -> {
                if (!isPrivate) {
                    for (int mode : params) {
                        if (mode == Vt102.IRM) {
                            insert = b == 'h';
                        }
                    }
                }
            }
            default -> {
                // Reports and sequences this screen does not draw: ignored.
            }
        }
    }

    private void graphics(int[] params) {
        if (params.length == 0) {
            rendition = 0;
        }
        for (int sgr : params) {
            if (sgr == Vt102.NORMAL) {
                rendition = 0;
            } else if (sgr == Vt102.BOLD || sgr == Vt102.UNDERLINE || sgr == Vt102.BLINK || sgr == Vt102.REVERSE) {
                rendition |= 1 << sgr;
            } else if (sgr >= 30 && sgr <= 37) {
                rendition = rendition & ~0xf00 | (sgr - 29) << 8;
            } else if (sgr >= 40 && sgr <= 47) {
                rendition = rendition & ~0xf000 | (sgr - 39) << 12;
            }
        }
    }

    private static int[] parse(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(";", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = parts[i].isEmpty() ? 0 : Math.max(0, Math.min(9999, Integer.parseInt(parts[i])));
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    private void index() {
        if (row == rows - 1) {
            scroll(0, true);
        } else {
            row++;
        }
    }

    /** Removes the row {@code at} and adds a blank one at the bottom, or adds a blank one at it and drops the last. */
    private void scroll(int at, boolean up) {
        if (up) {
            cells.remove(at);
            renditions.remove(at);
            cells.add(blank());
            renditions.add(new int[columns]);
        } else {
            cells.remove(rows - 1);
            renditions.remove(rows - 1);
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
