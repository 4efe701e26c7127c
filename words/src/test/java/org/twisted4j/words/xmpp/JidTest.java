package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JidTest {

    @Test
    void partsArePreparedAndCompared() {
        Jid jid = Jid.parse("Juliet@Example.COM/Balcony");
        assertThat(jid.user()).isEqualTo("juliet");
        assertThat(jid.host()).isEqualTo("example.com");
        assertThat(jid.resource()).isEqualTo("Balcony");
        assertThat(jid.userhost()).isEqualTo("juliet@example.com");
        assertThat(jid.full()).isEqualTo("juliet@example.com/Balcony");
        assertThat(jid).isEqualTo(Jid.parse("juliet@example.com./Balcony"));
        assertThat(jid.userhostJid()).isEqualTo(Jid.parse("juliet@example.com"));
    }

    @Test
    void resourceMayHoldSlashesAndAtSigns() {
        Jid jid = Jid.parse("example.com/foo@bar/baz");
        assertThat(jid.user()).isNull();
        assertThat(jid.resource()).isEqualTo("foo@bar/baz");
    }

    @Test
    void unicodeIsNormalizedAndCaseFolded() {
        // U+00C9 and E + U+0301 are the same localpart after NFC and case folding.
        assertThat(Jid.parse("\u00c9lise@EXAMPLE.com")).isEqualTo(Jid.parse("e\u0301lise@example.com"));
        assertThat(Jid.parse("user@B\u00fccher.example").host()).isEqualTo("b\u00fccher.example");
        assertThat(Jid.parse("user@xn--bcher-kva.example").host()).isEqualTo("b\u00fccher.example");
    }

    @Test
    void forbiddenCharactersAndEmptyPartsAreRefused() {
        assertThatThrownBy(() -> Jid.parse("jul iet@example.com")).isInstanceOf(InvalidJidException.class)
                .hasMessageContaining("localpart");
        assertThatThrownBy(() -> Jid.parse("a\"b@example.com")).isInstanceOf(InvalidJidException.class);
        assertThatThrownBy(() -> Jid.parse("@example.com")).isInstanceOf(InvalidJidException.class);
        assertThatThrownBy(() -> Jid.parse("user@")).isInstanceOf(InvalidJidException.class);
        assertThatThrownBy(() -> Jid.parse("user@example.com/")).isInstanceOf(InvalidJidException.class);
        assertThatThrownBy(() -> Jid.parse("user@exa mple.com")).isInstanceOf(InvalidJidException.class)
                .hasMessageContaining("domainpart");
        assertThatThrownBy(() -> Jid.parse("user@example.com/\u0007")).isInstanceOf(InvalidJidException.class);
        assertThatThrownBy(() -> Jid.parse("x".repeat(1024) + "@example.com")).isInstanceOf(InvalidJidException.class);
    }

    @Test
    void ipLiteralsAreKept() {
        assertThat(Jid.parse("user@[::1]").host()).isEqualTo("[::1]");
        assertThat(Jid.parse("user@127.0.0.1").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void rfc7622ValidExamplesParse() {
        assertThat(Jid.parse("juliet@example.com/foo bar").resource()).isEqualTo("foo bar");
        assertThat(Jid.parse("juliet@example.com/foo@bar").resource()).isEqualTo("foo@bar");
        assertThat(Jid.parse("foo\\20bar@example.com").user()).isEqualTo("foo\\20bar");
        assertThat(Jid.parse("fussball@example.com")).isNotEqualTo(Jid.parse("fu\u00dfball@example.com"));
        assertThat(Jid.parse("\u03c0@example.com").user()).isEqualTo("\u03c0");
        assertThat(Jid.parse("\u03a3@example.com/foo")).isEqualTo(Jid.parse("\u03c3@example.com/foo"));
        assertThat(Jid.parse("\u03c2@example.com/foo")).isNotEqualTo(Jid.parse("\u03c3@example.com/foo"));
        assertThat(Jid.parse("king@example.com/\u265a").resource()).isEqualTo("\u265a");
        assertThat(Jid.parse("a.example.com/b@example.net").host()).isEqualTo("a.example.com");
        assertThat(Jid.parse("user@\uff45\uff58\u3002com").host()).isEqualTo("ex.com");
    }

    @Test
    void rfc7622InvalidExamplesAreRefused() {
        for (String bad : new String[] {"\"juliet\"@example.com", "foo bar@example.com", "@example.com/",
                "henry\u2163@example.com", "\u265a@example.com", "juliet@", "/foobar", "user@\u2603.example",
                "user@-a.example", "user@a..example", "a\u200db@example.com", "user@example.com/a\u00adb"}) {
            assertThatThrownBy(() -> Jid.parse(bad)).as(bad).isInstanceOf(InvalidJidException.class);
        }
    }
}
