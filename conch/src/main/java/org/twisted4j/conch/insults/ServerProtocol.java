package org.twisted4j.conch.insults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.telnet.TelnetTerminalListener;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;

/**
 * The server side of a VT102 terminal (Twisted's {@code insults.ServerProtocol}): it turns the bytes a terminal
 * sends into keys for a {@link TerminalProtocol} and that protocol's {@link Terminal} calls into escape sequences.
 * The protocol is built when the connection is made.
 *
 * <pre>{@code
 * // over Telnet:
 * Factory.forProtocol(() -> TelnetTransport.terminal(new ServerProtocol(Hello::new)));
 * // over SSH: a ConchUser's session
 * return new TerminalSession(() -> new ServerProtocol(Hello::new));
 * }</pre>
 *
 * <p>The terminal's size starts at 80 by 24 until a Telnet client's NAWS or an SSH client's {@code pty-req} tells
 * it, and the protocol hears each change in {@link TerminalProtocol#terminalSize}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ServerProtocol extends Protocol implements Terminal, TelnetTerminalListener {

    /** The size assumed until the client says. */
    public static final int DEFAULT_COLUMNS = 80;
    /** The size assumed until the client says. */
    public static final int DEFAULT_ROWS = 24;

    private static final String CSI = "\u001b[";

    private final Supplier<? extends TerminalProtocol> factory;
    private @Nullable TerminalProtocol terminalProtocol;
    private @Nullable KeyParser parser;
    private int columns = DEFAULT_COLUMNS;
    private int rows = DEFAULT_ROWS;

    /** A terminal that runs what {@code factory} builds on each connection. */
    public ServerProtocol(Supplier<? extends TerminalProtocol> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The application on this terminal, once connected. */
    public @Nullable TerminalProtocol terminalProtocol() {
        return terminalProtocol;
    }

    /** The terminal's width. */
    public int columns() {
        return columns;
    }

    /** The terminal's height. */
    public int rows() {
        return rows;
    }

    @Override
    public void connectionMade() {
        TerminalProtocol protocol = factory.get();
        terminalProtocol = protocol;
        parser = new KeyParser(new KeyParser.Listener() {
            @Override
            public void keystrokeReceived(Keystroke key) {
                protocol.keystrokeReceived(key);
            }

            @Override
            public void unhandledControlSequence(String sequence) {
                protocol.unhandledControlSequence(sequence);
            }
        });
        protocol.makeConnection(this);
        protocol.terminalSize(columns, rows);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        KeyParser current = parser;
        if (current != null) {
            current.parse(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        TerminalProtocol protocol = terminalProtocol;
        if (protocol != null) {
            protocol.connectionLost(reason);
        }
    }

    /**
     * The terminal changed size (SSH's {@code window-change}); the protocol hears it.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public void terminalSize(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("not a terminal size: " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        TerminalProtocol protocol = terminalProtocol;
        if (protocol != null) {
            protocol.terminalSize(columns, rows);
        }
    }

    @Override
    public void windowSizeChanged(int columns, int rows) {
        if (columns > 0 && rows > 0) {
            terminalSize(columns, rows);
        }
    }

    @Override
    public void write(byte[] data) {
        transport().write(data);
    }

    private void sequence(String text) {
        transport().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void csi(int n, char command) {
        sequence(CSI + Math.max(1, n) + command);
    }

    private void modes(String prefix, int[] modes, char command) {
        StringBuilder out = new StringBuilder(CSI).append(prefix);
        for (int i = 0; i < modes.length; i++) {
            out.append(i == 0 ? "" : ";").append(modes[i]);
        }
        sequence(out.append(command).toString());
    }

    @Override
    public void cursorUp(int n) {
        csi(n, 'A');
    }

    @Override
    public void cursorDown(int n) {
        csi(n, 'B');
    }

    @Override
    public void cursorForward(int n) {
        csi(n, 'C');
    }

    @Override
    public void cursorBackward(int n) {
        csi(n, 'D');
    }

    @Override
    public void cursorPosition(int column, int row) {
        sequence(CSI + (row + 1) + ";" + (column + 1) + "H");
    }

    @Override
    public void cursorHome() {
        sequence(CSI + "H");
    }

    @Override
    public void nextLine() {
        sequence("\r\n");
    }

    @Override
    public void index() {
        sequence("\u001bD");
    }

    @Override
    public void reverseIndex() {
        sequence("\u001bM");
    }

    @Override
    public void saveCursor() {
        sequence("\u001b7");
    }

    @Override
    public void restoreCursor() {
        sequence("\u001b8");
    }

    @Override
    public void setModes(int... modes) {
        modes("", modes, 'h');
    }

    @Override
    public void resetModes(int... modes) {
        modes("", modes, 'l');
    }

    @Override
    public void setPrivateModes(int... modes) {
        modes("?", modes, 'h');
    }

    @Override
    public void resetPrivateModes(int... modes) {
        modes("?", modes, 'l');
    }

    @Override
    public void selectGraphicRendition(int... attributes) {
        modes("", attributes, 'm');
    }

    @Override
    public void eraseToLineEnd() {
        sequence(CSI + "K");
    }

    @Override
    public void eraseToLineBeginning() {
        sequence(CSI + "1K");
    }

    @Override
    public void eraseLine() {
        sequence(CSI + "2K");
    }

    @Override
    public void eraseToDisplayEnd() {
        sequence(CSI + "J");
    }

    @Override
    public void eraseToDisplayBeginning() {
        sequence(CSI + "1J");
    }

    @Override
    public void eraseDisplay() {
        sequence(CSI + "2J");
    }

    @Override
    public void deleteCharacter(int n) {
        csi(n, 'P');
    }

    @Override
    public void insertLine(int n) {
        csi(n, 'L');
    }

    @Override
    public void deleteLine(int n) {
        csi(n, 'M');
    }

    @Override
    public void reset() {
        sequence("\u001bc");
    }

    @Override
    public void loseConnection() {
        transport().loseConnection();
    }
}
