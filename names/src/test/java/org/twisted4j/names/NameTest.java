package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTest {

    @Test
    void presentationFormEndsWithADot() {
        assertThat(Name.of("www.example.com")).hasToString("www.example.com.");
        assertThat(Name.of("www.example.com.")).hasToString("www.example.com.");
        assertThat(Name.of(".")).hasToString(".");
        assertThat(Name.of("").isRoot()).isTrue();
    }

    @Test
    void caseIsKeptButIgnoredInComparison() {
        Name upper = Name.of("WWW.Example.COM");
        assertThat(upper).hasToString("WWW.Example.COM.");
        assertThat(upper).isEqualTo(Name.of("www.example.com")).hasSameHashCodeAs(Name.of("www.example.com"));
        assertThat(upper.compareTo(Name.of("www.example.com"))).isZero();
    }

    @Test
    void escapesRoundTrip() {
        Name name = Name.of("a\\.b.c\\032d.\\\\.x");
        assertThat(name.labelCount()).isEqualTo(4);
        assertThat(new String(name.labels().get(0), StandardCharsets.ISO_8859_1)).isEqualTo("a.b");
        assertThat(new String(name.labels().get(1), StandardCharsets.ISO_8859_1)).isEqualTo("c d");
        assertThat(name).hasToString("a\\.b.c\\032d.\\\\.x.");
        assertThat(Name.of(name.toString())).isEqualTo(name);
    }

    @Test
    void labelsAndNamesHaveLimits() {
        String label63 = "a".repeat(63);
        assertThat(Name.of(label63).wireLength()).isEqualTo(65);
        assertThatThrownBy(() -> Name.of("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        String name253 = String.join(".", List.of(label63, label63, label63, "a".repeat(61)));
        assertThat(Name.of(name253).wireLength()).isEqualTo(255);
        assertThatThrownBy(() -> Name.of(name253 + "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Name.of("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Name.of(".a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Name.of("a\\25")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Name.of("a\\256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void internationalisedNamesGoThroughIdna() {
        Name name = Name.fromUnicode("bücher.example");
        assertThat(name).hasToString("xn--bcher-kva.example.");
        assertThat(name.toUnicode()).isEqualTo("bücher.example.");
    }

    @Test
    void subdomainsAndParents() {
        Name www = Name.of("www.Example.com");
        assertThat(www.isSubdomainOf(Name.of("example.COM"))).isTrue();
        assertThat(www.isSubdomainOf(Name.ROOT)).isTrue();
        assertThat(www.isSubdomainOf(Name.of("ample.com"))).isFalse();
        assertThat(www.parent()).isEqualTo(Name.of("example.com"));
        assertThat(Name.ROOT.parent()).isEqualTo(Name.ROOT);
        assertThat(Name.of("example.com").child("www")).isEqualTo(www);
    }

    @Test
    void canonicalOrderIsRfc4034s() {
        List<Name> names = new java.util.ArrayList<>(List.of(Name.of("z.example"), Name.of("example"),
                Name.of("\\001.z.example"), Name.of("a.example"), Name.of("Z.a.example"), Name.of("yljkjljk.a.example"),
                Name.of("*.z.example"), Name.of("\\200.z.example"), Name.of("zABC.a.EXAMPLE")));
        java.util.Collections.sort(names);
        assertThat(names).extracting(Name::toString).containsExactly("example.", "a.example.",
                "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.", "\\001.z.example.",
                "*.z.example.", "\\200.z.example.");
    }
}
