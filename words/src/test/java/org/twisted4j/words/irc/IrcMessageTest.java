package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcMessageTest {

    @Test
    void parsesTagsPrefixCommandAndTrailing() throws Exception {
        IrcMessage m = IrcMessage.parse("@time=2026-01-01T00:00:00.000Z;account=bob;+draft/x :nick!u@h privmsg #chan :hello there\r");
        assertThat(m.tags()).containsExactly(Map.entry("time", "2026-01-01T00:00:00.000Z"), Map.entry("account", "bob"),
                Map.entry("+draft/x", ""));
        assertThat(m.prefix()).isEqualTo("nick!u@h");
        assertThat(m.command()).isEqualTo("PRIVMSG");
        assertThat(m.params()).containsExactly("#chan", "hello there");
        assertThat(m.sourceNick()).isEqualTo("nick");
    }

    @Test
    void middleParamsAndNumerics() throws Exception {
        IrcMessage m = IrcMessage.parse(":irc.example 005 me CHANTYPES=# PREFIX=(ov)@+  :are supported");
        assertThat(m.command()).isEqualTo("005");
        assertThat(m.params()).containsExactly("me", "CHANTYPES=#", "PREFIX=(ov)@+", "are supported");
    }

    @Test
    void tagValuesAreUnescapedAndEscapedBack() throws Exception {
        IrcMessage m = IrcMessage.parse("@a=x\\:y\\sz\\\\w\\r\\n;b=tr\\ PING x");
        assertThat(m.tag("a")).isEqualTo("x;y z\\w\r\n");
        assertThat(m.tag("b")).isEqualTo("tr");
        assertThat(IrcMessage.parse(m.toLine())).isEqualTo(m);
    }

    @Test
    void writesTrailingColonOnlyWhenNeeded() {
        assertThat(IrcMessage.of("PRIVMSG", "#c", "hi all").toLine()).isEqualTo("PRIVMSG #c :hi all");
        assertThat(IrcMessage.of("NICK", "bob").toLine()).isEqualTo("NICK bob");
        assertThat(IrcMessage.of("TOPIC", "#c", "").toLine()).isEqualTo("TOPIC #c :");
        assertThat(IrcMessage.withPrefix("srv", "001", "bob", ":)").toBytes())
                .isEqualTo(":srv 001 bob ::)\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fifteenthParameterTakesTheRest() throws Exception {
        IrcMessage m = IrcMessage.parse("X 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
        assertThat(m.params()).hasSize(15);
        assertThat(m.params().get(14)).isEqualTo("15 16 17");
    }

    @Test
    void malformedLinesAreTheDocumentedError() {
        for (String bad : List.of("", ":", ": PRIVMSG x", ":nick", "@a=b", "12 x", "PRIV-MSG x", "@a=b :p", "1234 x")) {
            assertThatThrownBy(() -> IrcMessage.parse(bad)).as(bad).isInstanceOf(IrcParseException.class)
                    .matches(e -> !((IrcParseException) e).isTooLong());
        }
    }

    @Test
    void limitsAre512BytesAnd8191ForTags() throws Exception {
        String body = "PRIVMSG #c :" + "x".repeat(IrcMessage.MAX_BODY_BYTES - 12);
        assertThat(IrcMessage.parse(body).param(1)).hasSize(498);
        assertThatThrownBy(() -> IrcMessage.parse(body + "x")).isInstanceOf(IrcParseException.class)
                .matches(e -> ((IrcParseException) e).isTooLong());
        String tags = "@a=" + "t".repeat(IrcMessage.MAX_TAG_BYTES - 4) + " ";
        assertThat(IrcMessage.parse(tags + body).tag("a")).hasSize(8187);
        assertThatThrownBy(() -> IrcMessage.parse("@a=t" + tags.substring(3) + body)).isInstanceOf(IrcParseException.class)
                .matches(e -> ((IrcParseException) e).isTooLong());
        assertThatThrownBy(() -> IrcMessage.parse("PRIVMSG #c :" + "x".repeat(10_000))).isInstanceOf(IrcParseException.class);
    }

    @Test
    void invalidUtf8FallsBackToLatin1() throws Exception {
        byte[] line = {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', 'x', ' ', ':', (byte) 0xe9, 't', (byte) 0xe9};
        assertThat(IrcMessage.parse(line).param(1)).isEqualTo("été");
    }

    @Test
    void writerRefusesWhatCannotBeSent() {
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "#c", "a\r\nQUIT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("PRIVMSG", "a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrcMessage.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userMasksSplit() {
        assertThat(UserMask.parse("nick!user@host")).isEqualTo(new UserMask("nick", "user", "host"));
        assertThat(UserMask.parse("irc.example.org")).isEqualTo(new UserMask("irc.example.org", "", ""));
        assertThat(UserMask.parse("nick@host")).isEqualTo(new UserMask("nick", "", "host"));
        assertThat(UserMask.parse("nick!user")).isEqualTo(new UserMask("nick", "user", ""));
    }
}
