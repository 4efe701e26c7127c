package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityTagTest {

    private static final Instant MTIME = Instant.ofEpochMilli(0x18c2d5e8a40L);

    @Test
    void fileTagComesFromSizeAndModificationTime() {
        assertThat(EntityTag.forFile(500, MTIME, false).toString()).isEqualTo("\"1f4-18c2d5e8a40\"");
        assertThat(EntityTag.forFile(500, MTIME, true).toString()).isEqualTo("W/\"1f4-18c2d5e8a40\"");
    }

    @Test
    void fileTagChangesWithSizeOrTime() {
        EntityTag t = EntityTag.forFile(500, MTIME, false);
        assertThat(EntityTag.forFile(501, MTIME, false)).isNotEqualTo(t);
        assertThat(EntityTag.forFile(500, MTIME.plusMillis(1), false)).isNotEqualTo(t);
    }

    @Test
    void strongComparisonNeedsBothStrong() {
        EntityTag strong = new EntityTag("a", false);
        EntityTag weak = new EntityTag("a", true);
        assertThat(strong.strongMatches(new EntityTag("a", false))).isTrue();
        assertThat(strong.strongMatches(weak)).isFalse();
        assertThat(weak.strongMatches(weak)).isFalse();
        assertThat(strong.strongMatches(new EntityTag("b", false))).isFalse();
    }

    @Test
    void weakComparisonIgnoresWeakness() {
        assertThat(new EntityTag("a", true).weakMatches(new EntityTag("a", false))).isTrue();
        assertThat(new EntityTag("a", true).weakMatches(new EntityTag("a", true))).isTrue();
        assertThat(new EntityTag("a", true).weakMatches(new EntityTag("b", true))).isFalse();
    }

    @Test
    void parsesLists() {
        assertThat(EntityTag.parseList("\"a\", W/\"b\",\"\" ,, \"c\""))
                .containsExactly(new EntityTag("a", false), new EntityTag("b", true), new EntityTag("", false),
                        new EntityTag("c", false));
        assertThat(EntityTag.parseList("")).isEqualTo(List.of());
    }

    @Test
    void commasInsideQuotesBelongToTheTag() {
        assertThat(EntityTag.parseList("\"a,b\"")).containsExactly(new EntityTag("a,b", false));
    }

    @Test
    void malformedListsAreNull() {
        assertThat(EntityTag.parseList("a")).isNull();
        assertThat(EntityTag.parseList("\"a")).isNull();
        assertThat(EntityTag.parseList("\"a\" \"b\"")).isNull();
        assertThat(EntityTag.parseList("w/\"a\"")).isNull();
        assertThat(EntityTag.parseList("W/ \"a\"")).isNull();
        assertThat(EntityTag.parseList("\"a b\"")).isNull();
        assertThat(EntityTag.parseList("*")).isNull();
    }

    @Test
    void parsesSingleTag() {
        assertThat(EntityTag.parse(" W/\"x\" ")).isEqualTo(new EntityTag("x", true));
        assertThat(EntityTag.parse("\"x\",\"y\"")).isNull();
        assertThat(EntityTag.parse("")).isNull();
    }

    @Test
    void wildcardIsRecognised() {
        assertThat(EntityTag.isWildcard(" * ")).isTrue();
        assertThat(EntityTag.isWildcard("\"*\"")).isFalse();
    }

    @Test
    void invalidCharactersAreRejected() {
        assertThatThrownBy(() -> new EntityTag("a\"b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EntityTag("a b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EntityTag("\u0100", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
