package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcTextTest {

    @Test
    void splitsAtSpacesWithinTheLimit() {
        assertThat(IrcText.split("hello there world", 11)).containsExactly("hello there", "world");
        assertThat(IrcText.split("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
        assertThat(IrcText.split("one\ntwo\r\nthree", 100)).containsExactly("one", "two", "three");
    }

    @Test
    void splitsNeverCutACodePoint() {
        String text = "é".repeat(10) + "😀".repeat(5);
        for (int max = 4; max < 40; max++) {
            List<String> pieces = IrcText.split(text, max);
            assertThat(String.join("", pieces)).isEqualTo(text);
            for (String piece : pieces) {
                assertThat(IrcText.utf8Length(piece)).isLessThanOrEqualTo(max);
                assertThat(piece.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isNotEmpty();
                assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
            }
        }
    }

    @Test
    void stripsFormatting() {
        assertThat(IrcText.stripFormatting("\u0002bold\u0002 \u00034,12red on blue\u000f \u001fu\u001f \u0003,x"))
                .isEqualTo("bold red on blue u ,x");
        assertThat(IrcText.stripFormatting("\u000412ab5F,000000hex")).isEqualTo("hex");
    }

    @Test
    void parsesFormattingIntoRuns() {
        List<FormattedRun> runs = IrcText.parseFormatting("a\u0002b\u00033,4c\u000fd");
        assertThat(runs).containsExactly(
                FormattedRun.PLAIN.withText("a"),
                FormattedRun.PLAIN.withBold(true).withText("b"),
                FormattedRun.PLAIN.withBold(true).withColors(3, 4).withText("c"),
                FormattedRun.PLAIN.withText("d"));
    }

    @Test
    void ctcpExtractsQuotedMessagesAndText() {
        Ctcp.Extracted e = Ctcp.extract("hi \u0001ACTION waves \\a\\\\\u0001 there\u0001VERSION\u0001");
        assertThat(e.extended()).containsExactly(new Ctcp.CtcpMessage("ACTION", "waves \u0001\\"),
                new Ctcp.CtcpMessage("VERSION", null));
        assertThat(e.normal()).containsExactly("hi ", " there");
        assertThat(Ctcp.stringify("ACTION", "waves \u0001\\")).isEqualTo("\u0001ACTION waves \\a\\\\\u0001");
        assertThat(Ctcp.lowDequote(Ctcp.lowQuote("a\r\n\0\u0010b"))).isEqualTo("a\r\n\0\u0010b");
    }

    @Test
    void caseMappingsFoldBrackets() {
        assertThat(CaseMapping.RFC1459.lower("Nick[A]\\~")).isEqualTo("nick{a}|^");
        assertThat(CaseMapping.STRICT_RFC1459.lower("[~")).isEqualTo("{~");
        assertThat(CaseMapping.ASCII.lower("AB[")).isEqualTo("ab[");
    }

    @Test
    void isupportTokensParse() {
        ServerSupportedFeatures f = new ServerSupportedFeatures();
        assertThat(f.prefixes()).containsExactly(java.util.Map.entry('o', '@'), java.util.Map.entry('v', '+'));
        f.parse(List.of("PREFIX=(qaohv)~&@%+", "CHANTYPES=#", "NETWORK=Ex\\x20Net", "CASEMAPPING=ascii", "EXCEPTS", "NICKLEN=30"));
        assertThat(f.prefixes().keySet()).containsExactly('q', 'a', 'o', 'h', 'v');
        assertThat(f.getFeature("NETWORK")).contains("Ex Net");
        assertThat(f.hasFeature("EXCEPTS")).isTrue();
        assertThat(f.caseMapping()).isEqualTo(CaseMapping.ASCII);
        assertThat(f.intFeature("NICKLEN", 9)).isEqualTo(30);
        f.parse(List.of("-EXCEPTS"));
        assertThat(f.hasFeature("EXCEPTS")).isFalse();
        assertThat(f.channelModes()).containsExactly("b", "k", "l", "imnpst");
    }
}
