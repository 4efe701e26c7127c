package org.twisted4j.conch.insults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.StringTransport;

class ServerProtocolTest {

    /** Records what the terminal protocol hears. */
    static final class Recorder extends TerminalProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("made");
        }

        @Override
        public void keystrokeReceived(Keystroke key) {
            events.add(key.toString());
        }

        @Override
        public void terminalSize(int columns, int rows) {
            events.add(columns + "x" + rows);
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost");
        }
    }

    @Test
    void terminalCallsBecomeVt102Sequences() {
        StringTransport transport = new StringTransport();
        ServerProtocol server = new ServerProtocol(Recorder::new);
        server.makeConnection(transport);
        server.cursorUp(2);
        server.cursorDown(1);
        server.cursorForward(3);
        server.cursorBackward(0);
        server.cursorPosition(4, 9);
        server.cursorHome();
        server.eraseToLineEnd();
        server.eraseLine();
        server.eraseDisplay();
        server.deleteCharacter(2);
        server.insertLine(1);
        server.deleteLine(1);
        server.setModes(Vt102.IRM);
        server.resetModes(Vt102.IRM);
        server.setPrivateModes(Vt102.DECTCEM);
        server.selectGraphicRendition(Vt102.BOLD, Vt102.FOREGROUND + Vt102.RED);
        server.saveCursor();
        server.restoreCursor();
        server.nextLine();
        server.reset();
        server.write("\u00e9");
        assertThat(transport.valueAsString(StandardCharsets.UTF_8).replace("\u001b", "^")).isEqualTo(
                "^[2A^[1B^[3C^[1D^[10;5H^[H^[K^[2K^[2J^[2P^[1L^[1M^[4h^[4l^[?25h^[1;31m^7^8\r\n^c\u00e9");
    }

    @Test
    void keysSizesAndTheEndReachTheTerminalProtocol() {
        ServerProtocol server = new ServerProtocol(Recorder::new);
        server.makeConnection(new StringTransport());
        server.dataReceived(ByteBuffer.wrap("x\u001b[A".getBytes(StandardCharsets.US_ASCII)));
        server.windowSizeChanged(132, 50);
        server.windowSizeChanged(0, 0);
        server.connectionLost(new Failure(new ConnectionDone()));
        assertThat(((Recorder) server.terminalProtocol()).events)
                .containsExactly("made", "80x24", "x", "UP_ARROW", "132x50", "lost");
    }

    @Test
    void theScreenShowsWhatTheSequencesDraw() {
        TerminalBuffer screen = new TerminalBuffer(20, 4);
        ServerProtocol server = new ServerProtocol(Recorder::new);
        server.makeConnection(screen);
        server.write("hello world");
        server.cursorBackward(5);
        server.setModes(Vt102.IRM);
        server.write("big ");
        server.deleteCharacter(1);
        server.nextLine();
        server.selectGraphicRendition(Vt102.BOLD, Vt102.FOREGROUND + Vt102.GREEN);
        server.write("ok");
        server.selectGraphicRendition(Vt102.NORMAL);
        server.cursorPosition(0, 3);
        server.write("bottom");
        assertThat(screen.screen()).isEqualTo("hello big orld\nok\n\nbottom");
        assertThat(screen.renditionAt(0, 1)).containsExactly(1, 32);
        assertThat(screen.renditionAt(0, 0)).isEmpty();
        server.nextLine();
        server.write("scrolled");
        assertThat(screen.screen()).isEqualTo("ok\n\nbottom\nscrolled");
        server.cursorHome();
        server.eraseToDisplayEnd();
        assertThat(screen.screen()).isEmpty();
        server.write("a".repeat(25));
        assertThat(screen.screen()).isEqualTo("a".repeat(20) + "\n" + "a".repeat(5));
        assertThat(screen.cursorColumn()).isEqualTo(5);
    }
}
