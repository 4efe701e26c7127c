package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DotFilesTest {

    @Test
    void aDotSegmentAnywhereHidesThePath() {
        assertThat(DotFiles.hides(List.of(".git", "config"))).isTrue();
        assertThat(DotFiles.hides(List.of(".env"))).isTrue();
        assertThat(DotFiles.hides(List.of("a", ".hidden", "x"))).isTrue();
        assertThat(DotFiles.hides(List.of("a", "b", ".htpasswd"))).isTrue();
        assertThat(DotFiles.hides(List.of(".", "x"))).isTrue();
        assertThat(DotFiles.hides(List.of(".."))).isTrue();
        assertThat(DotFiles.hides(List.of("...", ""))).isTrue();
    }

    @Test
    void plainPathsAndDotsInsideNamesAreNotHidden() {
        assertThat(DotFiles.hides(List.of())).isFalse();
        assertThat(DotFiles.hides(List.of(""))).isFalse();
        assertThat(DotFiles.hides(List.of("docs", "a.b.txt"))).isFalse();
        assertThat(DotFiles.hides(List.of("dir.d", "x."))).isFalse();
    }

    @Test
    void wellKnownIsServedOnlyAtTheTop() {
        assertThat(DotFiles.hides(List.of(".well-known"))).isFalse();
        assertThat(DotFiles.hides(List.of(".well-known", ""))).isFalse();
        assertThat(DotFiles.hides(List.of(".well-known", "acme-challenge", "token"))).isFalse();
        assertThat(DotFiles.hides(List.of("", ".well-known", "security.txt"))).as("empty segments skipped").isFalse();
        assertThat(DotFiles.hides(List.of("sub", ".well-known", "x"))).isTrue();
        assertThat(DotFiles.hides(List.of(".well-known", ".secret"))).as("a dot name under it").isTrue();
        assertThat(DotFiles.hides(List.of(".Well-Known", "x"))).as("the name is exact").isTrue();
    }

    @Test
    void listingsKeepWhatIsServed() {
        assertThat(DotFiles.listed(true, "a.txt")).isTrue();
        assertThat(DotFiles.listed(false, "a.txt")).isTrue();
        assertThat(DotFiles.listed(true, ".git")).isFalse();
        assertThat(DotFiles.listed(false, ".env")).isFalse();
        assertThat(DotFiles.listed(true, ".well-known")).isTrue();
        assertThat(DotFiles.listed(false, ".well-known")).isFalse();
    }
}
