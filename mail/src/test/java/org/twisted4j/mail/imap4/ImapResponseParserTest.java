package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImapResponseParserTest {

    /** Records responses and errors in order. */
    static final class Recorder implements ImapResponseParser.Listener {
        final List<Object> events = new ArrayList<>();

        @Override
        public void response(ImapResponse response) {
            events.add(response);
        }

        @Override
        public void error(ImapSyntaxException error) {
            events.add("error: " + error.getMessage());
        }
    }

    private static List<Object> parse(String text) {
        Recorder recorder = new Recorder();
        new ImapResponseParser(recorder).feed(ByteBuffer.wrap(text.getBytes(UTF_8)));
        return recorder.events;
    }

    private static ImapArg atom(String s) {
        return new ImapArg.Atom(s);
    }

    @Test
    void statusResponsesKeepTheirCodeAndText() {
        assertThat(parse("* OK [UIDVALIDITY 3857529045] UIDs valid\r\na1 NO [TRYCREATE] No such mailbox\r\n"))
                .containsExactly(new ImapResponse("*", "OK", List.of(atom("UIDVALIDITY"), atom("3857529045")), List.of(),
                        "UIDs valid"), new ImapResponse("a1", "NO", List.of(atom("TRYCREATE")), List.of(),
                        "No such mailbox"));
        ImapResponse flags = (ImapResponse) parse("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n").get(0);
        assertThat(flags.codeName()).isEqualTo("PERMANENTFLAGS");
        assertThat(flags.code().get(1)).isEqualTo(new ImapArg.Paren(List.of(atom("\\Deleted"), atom("\\Seen"),
                atom("\\*"))));
    }

    @Test
    void fetchWithLiteralsAndSectionsParses() {
        String text = "* 12 FETCH (FLAGS (\\Seen) BODY[HEADER.FIELDS (SUBJECT)] {17}\r\nSubject: x (y\r\n\r\n "
                + "ENVELOPE (NIL \"a \\\"q\\\"\" NIL))\r\n";
        ImapResponse r = (ImapResponse) parse(text).get(0);
        assertThat(r.dataName()).isEqualTo("FETCH");
        assertThat(r.number()).isEqualTo(12);
        ImapFetched fetched = IMAP4Client.fetched(12, (ImapArg.Paren) r.data().get(2));
        assertThat(fetched.flags()).containsExactly("\\Seen");
        assertThat(new String(fetched.body("BODY[HEADER.FIELDS (SUBJECT)]"), UTF_8)).isEqualTo("Subject: x (y\r\n\r\n");
        assertThat(((ImapArg.Paren) fetched.items().get("ENVELOPE")).items().get(1))
                .isEqualTo(new ImapArg.Str("a \"q\"".getBytes(UTF_8), false));
    }

    @Test
    void continuationAndSplitAnywhereGiveTheSame() {
        String text = "+ idling\r\n* 3 EXISTS\r\n* LIST (\\HasNoChildren) \"/\" {5}\r\nIN BX\r\nt OK done\r\n";
        List<Object> whole = parse(text);
        assertThat(whole).hasSize(4);
        assertThat(((ImapResponse) whole.get(0)).isContinuation()).isTrue();
        for (int cut = 0; cut < text.length(); cut++) {
            Recorder split = new Recorder();
            ImapResponseParser parser = new ImapResponseParser(split);
            parser.feed(ByteBuffer.wrap(text.substring(0, cut).getBytes(UTF_8)));
            parser.feed(ByteBuffer.wrap(text.substring(cut).getBytes(UTF_8)));
            assertThat(split.events).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void oversizedLiteralsAndLinesAreSkippedWithoutBeingHeld() {
        Recorder recorder = new Recorder();
        ImapResponseParser parser = new ImapResponseParser(recorder);
        parser.setMaxLiteralSize(10);
        parser.setMaxLineLength(40);
        parser.feed(ByteBuffer.wrap(("* 1 FETCH (BODY[] {100}\r\n" + "x".repeat(100) + ")\r\n* 2 EXISTS\r\n"
                + "* " + "y".repeat(100) + "\r\n* 3 EXISTS\r\n* 4 FETCH ((((\r\n").getBytes(UTF_8)));
        assertThat(recorder.events).hasSize(5);
        assertThat(recorder.events.get(0)).isEqualTo("error: Literal too large");
        assertThat(((ImapResponse) recorder.events.get(1)).number()).isEqualTo(2);
        assertThat(recorder.events.get(2)).isEqualTo("error: Response line too long");
        assertThat(((ImapResponse) recorder.events.get(3)).number()).isEqualTo(3);
        assertThat(recorder.events.get(4)).isEqualTo("error: Unbalanced parenthesis");
        assertThat(parser.held()).isZero();
    }
}
