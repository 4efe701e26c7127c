package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrecisTest {

    @Test
    void derivedPropertiesFollowRfc8264() {
        assertThat(Precis.property('a')).isEqualTo(Precis.Property.PVALID);
        assertThat(Precis.property('!')).isEqualTo(Precis.Property.PVALID);
        assertThat(Precis.property(0x00df)).isEqualTo(Precis.Property.PVALID);      // sharp s, an exception
        assertThat(Precis.property(0x0640)).isEqualTo(Precis.Property.DISALLOWED);  // Arabic tatweel, an exception
        assertThat(Precis.property(0x00b7)).isEqualTo(Precis.Property.CONTEXTO);
        assertThat(Precis.property(0x200d)).isEqualTo(Precis.Property.CONTEXTJ);
        assertThat(Precis.property(0x2163)).isEqualTo(Precis.Property.FREE_PVAL);   // ROMAN NUMERAL FOUR: compat
        assertThat(Precis.property(0x265a)).isEqualTo(Precis.Property.FREE_PVAL);   // BLACK CHESS KING: symbol
        assertThat(Precis.property(0x00a0)).isEqualTo(Precis.Property.FREE_PVAL);   // NO-BREAK SPACE
        assertThat(Precis.property(0x0007)).isEqualTo(Precis.Property.DISALLOWED);  // control
        assertThat(Precis.property(0x00ad)).isEqualTo(Precis.Property.DISALLOWED);  // soft hyphen: default ignorable
        assertThat(Precis.property(0x1100)).isEqualTo(Precis.Property.DISALLOWED);  // old Hangul jamo
        assertThat(Precis.property(0xfdd0)).isEqualTo(Precis.Property.DISALLOWED);  // noncharacter
        assertThat(Precis.property(0x0378)).isEqualTo(Precis.Property.UNASSIGNED);
        assertThat(Precis.property(0xe000)).isEqualTo(Precis.Property.DISALLOWED);  // private use
    }

    @Test
    void usernameCaseMappedMapsWidthAndCase() {
        assertThat(Precis.usernameCaseMapped("JULIET")).isEqualTo("juliet");
        assertThat(Precis.usernameCaseMapped("\uff2a\uff55\uff4c")).isEqualTo("jul");       // full-width JUL
        assertThat(Precis.usernameCaseMapped("E\u0301lise")).isEqualTo("\u00e9lise");       // NFC
        assertThat(Precis.usernameCaseMapped("fu\u00dfball")).isEqualTo("fu\u00dfball");     // sharp s kept
        assertThat(Precis.usernameCaseMapped("\u03a3")).isEqualTo("\u03c3");
        assertThat(Precis.usernameCaseMapped("\u03c2")).isEqualTo("\u03c2");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("henry\u2163")).hasMessageContaining("U+2173");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("\u265a")).hasMessageContaining("U+265A");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("a b")).hasMessageContaining("U+0020");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("")).hasMessageContaining("empty");
    }

    @Test
    void contextualRulesAreChecked() {
        assertThat(Precis.usernameCaseMapped("l\u00b7l")).isEqualTo("l\u00b7l");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("a\u00b7b")).hasMessageContaining("U+00B7");
        assertThat(Precis.usernameCaseMapped("\u0915\u094d\u200d\u0937")).hasSize(4);    // ZWJ after a virama
        assertThatThrownBy(() -> Precis.usernameCaseMapped("a\u200db")).hasMessageContaining("U+200D");
        assertThat(Precis.usernameCaseMapped("\u30a2\u30fb\u30a4")).isEqualTo("\u30a2\u30fb\u30a4");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("a\u30fbb")).hasMessageContaining("U+30FB");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("\u0661\u06f1")).hasMessageContaining("U+0661");
    }

    @Test
    void bidiRuleRefusesMixedDirections() {
        assertThat(Precis.usernameCaseMapped("\u05e9\u05dc\u05d5\u05dd")).isEqualTo("\u05e9\u05dc\u05d5\u05dd");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("\u05e9a")).hasMessageContaining("Bidi");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("a\u05e9")).hasMessageContaining("Bidi");
        assertThatThrownBy(() -> Precis.usernameCaseMapped("1\u05e9")).hasMessageContaining("Bidi");
    }

    @Test
    void opaqueStringKeepsCaseAndSymbolsButMapsSpaces() {
        assertThat(Precis.opaqueString("Foo \u00a0Bar\u265a")).isEqualTo("Foo  Bar\u265a");
        assertThat(Precis.opaqueString("henry\u2163")).isEqualTo("henry\u2163");
        assertThatThrownBy(() -> Precis.opaqueString("a\u0007")).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> Precis.opaqueString("a\u00ad")).hasMessageContaining("U+00AD");
        assertThatThrownBy(() -> Precis.opaqueString("")).hasMessageContaining("empty");
    }

    @Test
    void idna2008LabelsRefuseSymbolsAndUpperCase() {
        assertThat(Precis.isIdna2008Label("b\u00fccher")).isTrue();
        assertThat(Precis.isIdna2008Label("fa\u00df")).isTrue();
        assertThat(Precis.isIdna2008Label("xn--bcher-kva")).isTrue();
        assertThat(Precis.isIdna2008Label("\u2603")).isFalse();      // snowman: IDNA 2003 took it
        assertThat(Precis.isIdna2008Label("\u00dc")).isFalse();      // upper case is unstable
        assertThat(Precis.isIdna2008Label("a_b")).isFalse();
        assertThat(Precis.isIdna2008Label("")).isFalse();
    }
}
