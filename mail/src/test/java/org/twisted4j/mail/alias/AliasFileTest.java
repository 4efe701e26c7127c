package org.twisted4j.mail.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.mail.alias.AliasFile.Kind;
import org.twisted4j.mail.alias.AliasFile.Target;

class AliasFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTargetsContinuationsCommentsAndRepeatedNames() {
        Map<String, List<Target>> aliases = AliasFile.parse("""
                # comment
                Postmaster: root, bob@example.com
                list: alice,
                \tcarol , /var/mail/archive
                  # an indented comment is still a comment
                pipe: "|/usr/bin/filter --a, --b", |cat
                list: :include:/etc/list, :/etc/other

                """);
        assertThat(aliases.keySet()).containsExactly("postmaster", "list", "pipe");
        assertThat(aliases.get("postmaster")).containsExactly(new Target(Kind.ADDRESS, "root"),
                new Target(Kind.ADDRESS, "bob@example.com"));
        assertThat(aliases.get("list")).containsExactly(new Target(Kind.ADDRESS, "alice"),
                new Target(Kind.ADDRESS, "carol"), new Target(Kind.FILE, "/var/mail/archive"),
                new Target(Kind.INCLUDE, "/etc/list"), new Target(Kind.INCLUDE, "/etc/other"));
        assertThat(aliases.get("pipe")).containsExactly(new Target(Kind.COMMAND, "/usr/bin/filter --a, --b"),
                new Target(Kind.COMMAND, "cat"));
        assertThat(AliasFile.parse(AliasFile.format(aliases))).isEqualTo(aliases);
    }

    @Test
    void malformedLinesAreRefusedWithTheirNumber() {
        for (String bad : List.of("no colon here", "a: b\nnocolon", ": x", "a b: c", "a:", "a: ,", "a: \"|x",
                "a: b\"c", "a: |")) {
            assertThatThrownBy(() -> AliasFile.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line ");
        }
    }

    @Test
    void loadReplacesIncludesWithTheTargetsTheyList() throws IOException {
        Path list = dir.resolve("list");
        Path inner = dir.resolve("inner");
        Files.writeString(list, "# members\nalice\nbob@else.test, :include:" + inner + "\n");
        Files.writeString(inner, "/tmp/archive\n");
        Path file = dir.resolve("aliases");
        Files.writeString(file, "team: :include:" + list + ", carol\nself: :include:" + file.resolveSibling("loop") + "\n");
        Files.writeString(dir.resolve("loop"), ":include:" + dir.resolve("loop"));
        assertThatThrownBy(() -> AliasFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
        Files.writeString(file, "team: :include:" + list + ", carol\n");
        assertThat(AliasFile.load(file).get("team")).containsExactly(new Target(Kind.ADDRESS, "alice"),
                new Target(Kind.ADDRESS, "bob@else.test"), new Target(Kind.FILE, "/tmp/archive"),
                new Target(Kind.ADDRESS, "carol"));
    }
}
