package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command lines, ranges, wildmats, articles, dot-stuffing and dates. */
class CodecTest {

    @Test
    void commandsSplitOnSpacesAndTabsWithTheKeywordUpperCased() throws Exception {
        assertThat(NntpCommand.parse("listgroup  misc.test\t3-".getBytes(ISO_8859_1), 510))
                .isEqualTo(new NntpCommand("LISTGROUP", List.of("misc.test", "3-")));
        assertThatThrownBy(() -> NntpCommand.parse("GROUP a\u0001".getBytes(ISO_8859_1), 510))
                .isInstanceOf(NntpSyntaxException.class).hasMessage("Control character in command");
        assertThatThrownBy(() -> NntpCommand.parse("ABCDEFGHIJKLMN".getBytes(ISO_8859_1), 510))
                .isInstanceOf(NntpSyntaxException.class).hasMessage("Unknown command");
        assertThatThrownBy(() -> NntpCommand.parse(new byte[] {'G', ' ', (byte) 0xff}, 510))
                .isInstanceOf(NntpSyntaxException.class).hasMessage("Command not UTF-8");
    }

    @Test
    void rangesAndNumbers() throws Exception {
        assertThat(ArticleRange.parse("5")).isEqualTo(new ArticleRange(5, 5));
        assertThat(ArticleRange.parse("5-")).isEqualTo(new ArticleRange(5, Long.MAX_VALUE));
        assertThat(ArticleRange.parse("5-3").contains(4)).isFalse();
        assertThat(ArticleRange.parse("9223372036854775807").low()).isEqualTo(Long.MAX_VALUE);
        for (String bad : List.of("", "-", "-5", "0", "9223372036854775808", "1-2-3", "a", "+5", "5- ")) {
            assertThatThrownBy(() -> ArticleRange.parse(bad)).isInstanceOf(NntpSyntaxException.class);
        }
    }

    @Test
    void wildmatsTakeTheLastMatchingPattern() throws Exception {
        Wildmat wildmat = Wildmat.parse("comp.*,!comp.os.*,comp.os.linux");
        assertThat(wildmat.matches("comp.lang.java")).isTrue();
        assertThat(wildmat.matches("comp.os.bsd")).isFalse();
        assertThat(wildmat.matches("comp.os.linux")).isTrue();
        assertThat(wildmat.matches("alt.test")).isFalse();
        assertThat(Wildmat.parse("a?c,[x-z]*,[^a]b").matches("abc")).isTrue();
        assertThat(Wildmat.parse("[x-z]*").matches("yes")).isTrue();
        assertThat(Wildmat.parse("[^a]b").matches("ab")).isFalse();
        assertThat(Wildmat.parse("*a*a*a*a*a*b").matches("a".repeat(5000))).isFalse();
        assertThatThrownBy(() -> Wildmat.parse("a,,b")).isInstanceOf(NntpSyntaxException.class);
        assertThatThrownBy(() -> Wildmat.parse("[ab")).isInstanceOf(NntpSyntaxException.class);
    }

    @Test
    void articlesParseUnfoldAndWriteBack() throws Exception {
        byte[] raw = "Subject: a\r\n folded\r\nFrom:x@y\r\n\r\nbody\r\n".getBytes(ISO_8859_1);
        Article article = Article.parse(raw);
        assertThat(article.header("subject")).isEqualTo("a folded");
        assertThat(article.header("From")).isEqualTo("x@y");
        assertThat(new String(article.toBytes(), ISO_8859_1)).isEqualTo("Subject: a\r\n folded\r\nFrom: x@y\r\n\r\nbody\r\n");
        assertThat(article.bodyLines()).isEqualTo(1);
        assertThatThrownBy(() -> Article.parse(" leading\r\n\r\n".getBytes(ISO_8859_1)))
                .isInstanceOf(ArticleFormatException.class);
        assertThatThrownBy(() -> Article.parse("\r\nbody".getBytes(ISO_8859_1))).isInstanceOf(ArticleFormatException.class);
        assertThatThrownBy(() -> Article.parse("Bad Name: x\r\n".getBytes(ISO_8859_1))).isInstanceOf(ArticleFormatException.class);
    }

    @Test
    void dotStuffingDoublesLeadingDotsAndEndsTheBlock() {
        assertThat(new String(DotStuffing.encode(".a\r\nb\n.\r\nc".getBytes(ISO_8859_1)), ISO_8859_1))
                .isEqualTo("..a\r\nb\r\n..\r\nc\r\n.\r\n");
        assertThat(new String(DotStuffing.encode(new byte[0]), ISO_8859_1)).isEqualTo(".\r\n");
    }

    @Test
    void datesOfCommandsAndFields() throws Exception {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        assertThat(NntpDates.argument("261207", "120000", now)).isEqualTo(now);
        assertThat(NntpDates.argument("991231", "235959", now)).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(NntpDates.argument("19991231", "235959", now)).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(NntpDates.stamp(now)).isEqualTo("20261207120000");
        assertThat(NntpDates.field(now)).isEqualTo("Mon, 7 Dec 2026 12:00:00 +0000");
        assertThat(NntpDates.parseField("Mon, 7 Dec 2026 13:00:00 +0100 (CET)")).isEqualTo(now);
        assertThat(NntpDates.parseField("7 Dec 2026 07:00 EST")).isEqualTo(now);
        assertThat(NntpDates.parseField("Mon, 07 Dec 2026 12:00:00 GMT")).isEqualTo(now);
        assertThat(NntpDates.parseField("yesterday")).isNull();
    }
}
