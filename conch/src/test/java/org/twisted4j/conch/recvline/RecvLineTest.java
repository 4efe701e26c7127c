package org.twisted4j.conch.recvline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.insults.ServerProtocol;
import org.twisted4j.conch.insults.TerminalBuffer;

/** The line editor driven by real key sequences, checked on an emulated screen. */
class RecvLineTest {

    static final String LEFT = "\u001b[D";
    static final String RIGHT = "\u001b[C";
    static final String UP = "\u001b[A";
    static final String DOWN = "\u001b[B";
    static final String HOME = "\u001b[H";
    static final String END = "\u001b[F";
    static final String INSERT = "\u001b[2~";
    static final String DELETE = "\u001b[3~";
    static final String BACKSPACE = "\u007f";

    /** Keeps the lines and echoes each as a reply. */
    static final class Editor extends HistoricRecvLine {
        final List<String> lines = new ArrayList<>();

        @Override
        protected void lineReceived(String line) {
            lines.add(line);
            terminal().write("got " + line);
            terminal().nextLine();
            showPrompt();
        }
    }

    TerminalBuffer screen;
    ServerProtocol server;

    @BeforeEach
    void connect() {
        screen = new TerminalBuffer(40, 10);
        server = new ServerProtocol(Editor::new);
        server.makeConnection(screen);
    }

    void type(String keys) {
        server.dataReceived(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)));
    }

    Editor editor() {
        return (Editor) server.terminalProtocol();
    }

    @Test
    void typingInsertsAtTheCursor() {
        type("helo" + LEFT + "l" + HOME + ">" + END + "!");
        assertThat(screen.line(0)).isEqualTo("> >hello!");
        assertThat(screen.cursorColumn()).isEqualTo(9);
        type("\r");
        assertThat(editor().lines).containsExactly(">hello!");
        assertThat(screen.screen()).isEqualTo("> >hello!\ngot >hello!\n>");
    }

    @Test
    void backspaceAndDeleteRemoveAroundTheCursor() {
        type("abcdef" + LEFT + LEFT + BACKSPACE + DELETE + HOME + DELETE + "\r");
        assertThat(editor().lines).containsExactly("bcf");
        assertThat(screen.line(0)).isEqualTo("> bcf");
    }

    @Test
    void insertSwitchesToOverwriting() {
        type("abcd" + HOME + RIGHT + INSERT + "XY" + INSERT + "z" + END + "e\r");
        assertThat(editor().lines).containsExactly("aXYzde");
        assertThat(screen.line(0)).isEqualTo("> aXYzde");
    }

    @Test
    void historyIsRecalledWithTheArrowsAndTheDraftKept() {
        type("first\rsecond\rdra");
        type(UP);
        assertThat(screen.line(4)).isEqualTo("> second");
        type(UP + UP);
        assertThat(screen.line(4)).isEqualTo("> first");
        type(DOWN);
        assertThat(screen.line(4)).isEqualTo("> second");
        type(DOWN);
        assertThat(screen.line(4)).isEqualTo("> dra");
        type(UP + LEFT + LEFT + "X\r");
        assertThat(editor().lines).containsExactly("first", "second", "secoXnd");
        assertThat(editor().history()).containsExactly("first", "second", "secoXnd");
    }

    @Test
    void movesStopAtTheEndsOfTheLine() {
        type(LEFT + BACKSPACE + "ab" + RIGHT + RIGHT + DELETE + "c\r");
        assertThat(editor().lines).containsExactly("abc");
        type("\r");
        assertThat(editor().lines).containsExactly("abc", "");
        assertThat(editor().history()).containsExactly("abc");
    }
}
