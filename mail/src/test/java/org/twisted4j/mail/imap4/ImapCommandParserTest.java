package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ImapCommandParserTest {

    /** Records what the parser reports, as strings. */
    static final class Recorder implements ImapCommandParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<ImapCommand> commands = new ArrayList<>();

        @Override
        public void command(ImapCommand command) {
            commands.add(command);
            events.add("command " + command);
        }

        @Override
        public void continuation() {
            events.add("+");
        }

        @Override
        public void error(@Nullable String tag, ImapSyntaxException error) {
            events.add("error " + tag + " " + error.getMessage());
        }

        @Override
        public void line(String line) {
            events.add("line " + line);
        }
    }

    private final Recorder recorder = new Recorder();
    private final ImapCommandParser parser = new ImapCommandParser(recorder);

    private void feed(String text) {
        parser.feed(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private static ImapArg atom(String s) {
        return new ImapArg.Atom(s);
    }

    private static ImapArg quoted(String s) {
        return new ImapArg.Str(s.getBytes(UTF_8), false);
    }

    @Test
    void atomsQuotedStringsAndLists() {
        feed("a1 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>) \"a \\\"b\\\\\"\r\n");
        assertThat(recorder.commands).containsExactly(new ImapCommand("a1", "FETCH", List.of(atom("1:*"),
                new ImapArg.Paren(List.of(atom("FLAGS"), atom("BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>"))),
                quoted("a \"b\\"))));
    }

    @Test
    void aSynchronisingLiteralIsAcceptedWithAContinuation() {
        feed("a2 LOGIN {5}\r\n");
        assertThat(recorder.events).containsExactly("+");
        feed("al\r\nx \"pw\"\r\n");
        assertThat(recorder.commands).containsExactly(new ImapCommand("a2", "LOGIN",
                List.of(new ImapArg.Str("al\r\nx".getBytes(UTF_8), true), quoted("pw"))));
    }

    @Test
    void aNonSynchronisingLiteralNeedsNoContinuation() {
        feed("a3 APPEND INBOX (\\Seen) {3+}\r\nabc\r\n");
        assertThat(recorder.events).hasSize(1);
        assertThat(recorder.commands.get(0).args()).containsExactly(atom("INBOX"),
                new ImapArg.Paren(List.of(atom("\\Seen"))), new ImapArg.Str("abc".getBytes(UTF_8), true));
    }

    @Test
    void aTooLargeSynchronisingLiteralIsRefusedBeforeItsBytes() {
        parser.setMaxLiteralSize(10);
        feed("a4 APPEND INBOX {11}\r\na5 NOOP\r\n");
        assertThat(recorder.events).containsExactly("error a4 Literal too large", "command ImapCommand[tag=a5, "
                + "name=NOOP, args=[]]");
    }

    @Test
    void aTooLargeNonSynchronisingLiteralIsSkippedWithoutBeingHeld() {
        parser.setMaxLiteralSize(10);
        feed("a4 APPEND INBOX {20+}\r\n0123456789");
        assertThat(parser.held()).isZero();
        feed("0123456789\r\na5 NOOP\r\n");
        assertThat(recorder.events).containsExactly("error a4 Literal too large",
                "command ImapCommand[tag=a5, name=NOOP, args=[]]");
    }

    @Test
    void anAbsurdLiteralIsRefused() {
        feed("a4 APPEND INBOX {99999999999999999999}\r\n");
        assertThat(recorder.events).containsExactly("error a4 Literal too large");
    }

    @Test
    void aLongLineIsDiscardedAsItComes() {
        parser.setMaxLineLength(100);
        feed("a6 LOGIN " + "x".repeat(200));
        assertThat(parser.held()).isLessThanOrEqualTo(101);
        feed("x".repeat(5000) + "\r\na7 NOOP\r\n");
        assertThat(recorder.events).containsExactly("error a6 Line too long",
                "command ImapCommand[tag=a7, name=NOOP, args=[]]");
    }

    @Test
    void badSyntaxIsOneErrorEach() {
        feed("a8 LIST (\"\" *\r\na9 FETCH 1 " + "(".repeat(40) + "\r\n* NOOP\r\n\r\na10 LOGIN \"x\r\n"
                + "a11 LOGIN a{3}\r\nabc\r\n");
        assertThat(recorder.events).containsExactly("error a8 Unbalanced parentheses",
                "error a9 Lists nested too deeply", "error null Missing tag", "error null Missing tag",
                "error a10 Unterminated quoted string", "+", "error a11 Expected a space");
    }

    @Test
    void rawLinesAreReportedAsTheyAre() {
        parser.setRawLines(true);
        feed("dGVzdA==\r\nDONE\n");
        assertThat(recorder.events).containsExactly("line dGVzdA==", "line DONE");
    }

    @Test
    void pausedInputIsKeptUntilResumed() {
        feed("a1 NOOP\r\n");
        parser.pause();
        feed("a2 NOOP\r\n");
        assertThat(recorder.commands).hasSize(1);
        parser.resume();
        assertThat(recorder.commands).hasSize(2);
    }

    @Test
    void encodingRoundTrips() {
        ImapCommand command = new ImapCommand("t", "APPEND", List.of(atom("INBOX"),
                new ImapArg.Paren(List.of(atom("\\Seen"), new ImapArg.Paren(List.of()))),
                new ImapArg.Str("line\r\n".getBytes(UTF_8), true), quoted("q\"\\")));
        parser.feed(ByteBuffer.wrap(command.encode()));
        assertThat(recorder.commands).containsExactly(command);
    }

    @Test
    void sequenceSets() throws Exception {
        SequenceSet set = SequenceSet.parse("1:3,7,10:*");
        assertThat(set.contains(2, 20)).isTrue();
        assertThat(set.contains(5, 20)).isFalse();
        assertThat(set.contains(15, 20)).isTrue();
        assertThat(SequenceSet.parse("*:4").contains(5, 5)).isTrue();
        assertThat(set).hasToString("1:3,7,10:*");
        for (String bad : new String[] {"", "0", "1,", "a", "1:", "4294967296", "01"}) {
            assertThatThrownBy(() -> SequenceSet.parse(bad)).isInstanceOf(ImapSyntaxException.class);
        }
    }
}
