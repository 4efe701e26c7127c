package org.twisted4j.conch.insults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.testing.StringTransport;

class ClientProtocolTest {

    final RecordingDisplay display = new RecordingDisplay();
    final ClientProtocol client = new ClientProtocol(display);

    List<String> feed(String bytes) {
        client.dataReceived(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)));
        return display.calls;
    }

    @Test
    void cursorMovesAndPositions() {
        assertThat(feed("\u001b[A\u001b[3B\u001b[0C\u001b[12D\u001b[5;10H\u001b[H\u001b[;7f\u001b[2f"))
                .containsExactly("up 1", "down 3", "forward 1", "backward 12", "position 9,4", "position 0,0",
                        "position 6,0", "position 0,1");
    }

    @Test
    void erasingInsertingAndDeleting() {
        assertThat(feed("\u001b[J\u001b[1J\u001b[2J\u001b[K\u001b[1K\u001b[2K\u001b[3@\u001b[P\u001b[2L\u001b[M"))
                .containsExactly("eraseToDisplayEnd", "eraseToDisplayBeginning", "eraseDisplay", "eraseToLineEnd",
                        "eraseToLineBeginning", "eraseLine", "insertCharacter 3", "deleteCharacter 1",
                        "insertLine 2", "deleteLine 1");
    }

    @Test
    void renditionsModesAndScrollRegion() {
        assertThat(feed("\u001b[m\u001b[1;31;44m\u001b[4h\u001b[4l\u001b[?25;1h\u001b[?7l\u001b[3;20r\u001b[r"))
                .containsExactly("sgr [0]", "sgr [1, 31, 44]", "setModes [4]", "resetModes [4]",
                        "setPrivateModes [25, 1]", "resetPrivateModes [7]", "scrollRegion 2,19",
                        "scrollRegion 0,-1");
    }

    @Test
    void escapesCharacterSetsAndControls() {
        assertThat(feed("a\u0007\b\t\n\u000b\f\rb\u000e\u000f\u001b(0\u001b)B\u001b7\u001b8\u001bD\u001bE\u001bM\u001bc"))
                .containsExactly("text a", "BEL", "BS", "HT", "LF", "LF", "LF", "CR", "text b", "SO", "SI",
                        "charset G0=0", "charset G1=B", "save", "restore", "index", "nextLine", "reverseIndex",
                        "reset");
    }

    @Test
    void unknownSequencesAreReportedAndStringsSkipped() {
        assertThat(feed("\u001b[6n\u001b[>c\u001b[1 q\u001b=\u001b#8x\u001b]0;title\u0007y\u001bP1$r\u001b\\z"))
                .containsExactly("unhandled ESC[6n", "unhandled ESC[>c", "unhandled ESC[1 q", "unhandled ESC=",
                        "unhandled ESC#8", "text xyz");
    }

    @Test
    void aControlInsideASequenceActsAndCancelStopsIt() {
        assertThat(feed("\u001b[1\r;2H\u001b[3\u0018A\u001b[\u001b[B"))
                .containsExactly("CR", "position 1,0", "text A", "down 1");
    }

    @Test
    void parametersAreBounded() {
        StringBuilder many = new StringBuilder("\u001b[");
        for (int i = 1; i <= 40; i++) {
            many.append(i).append(';');
        }
        List<String> calls = feed(many + "m\u001b[99999999999A");
        assertThat(calls.get(0)).isEqualTo("sgr [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]");
        assertThat(calls.get(1)).isEqualTo("up " + ClientProtocol.MAX_PARAMETER);
        display.calls.clear();
        feed("\u001b[" + "?".repeat(500) + "h");
        assertThat(display.calls).hasSize(1);
        assertThat(display.calls.get(0).length()).isLessThanOrEqualTo("unhandled ".length() + ClientProtocol.MAX_SEQUENCE + 2);
    }

    @Test
    void aSequenceSplitAtEveryByteParsesTheSame() {
        String input = "ab\u001b[1;31mcd\u001b[2;3H\u001b(0q\u001b]2;t\u001b\\e\u001b[?25l";
        List<String> whole = List.copyOf(feed(input));
        RecordingDisplay split = new RecordingDisplay();
        ClientProtocol bytewise = new ClientProtocol(split);
        for (byte b : input.getBytes(StandardCharsets.ISO_8859_1)) {
            bytewise.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(split.calls).isEqualTo(whole);
    }

    @Test
    void readsBackWhatTheServerProtocolWrote() {
        StringTransport wire = new StringTransport();
        ServerProtocol server = new ServerProtocol(() -> new TerminalProtocol() { });
        server.makeConnection(wire);
        wire.clear();
        server.cursorPosition(4, 2);
        server.selectGraphicRendition(Vt102.BOLD, Vt102.FOREGROUND + Vt102.RED);
        server.write("hi");
        server.eraseToLineEnd();
        server.deleteCharacter(2);
        server.insertLine(3);
        server.setPrivateModes(Vt102.DECTCEM);
        server.reverseIndex();
        server.nextLine();
        client.dataReceived(ByteBuffer.wrap(wire.value()));
        assertThat(display.calls).containsExactly("position 4,2", "sgr [1, 31]", "text hi", "eraseToLineEnd",
                "deleteCharacter 2", "insertLine 3", "setPrivateModes [25]", "reverseIndex", "CR", "LF");
    }

    @Test
    void theTerminalBufferDrawsScrollRegionsLineDrawingAndInsertedBlanks() {
        TerminalBuffer screen = new TerminalBuffer(10, 4);
        ClientProtocol drawing = new ClientProtocol(screen.display());
        drawing.dataReceived(ByteBuffer.wrap(("top\r\n1\r\n2\r\nbottom\u001b[2;3r\u001b[3;1H\n\nx"
                + "\u001b[1;1H\u001b(0lqk\u001b(B\u001b[1;2H\u001b[2@\u0007").getBytes(StandardCharsets.UTF_8)));
        assertThat(screen.screen()).isEqualTo("\u250c  \u2500\u2510\n\nx\nbottom");
        assertThat(screen.bells()).isEqualTo(1);
    }
}
