package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexNamesTest {

    @TempDir
    Path dir;

    private Path touch(String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    @Test
    void defaultsAreTwistedsWithoutRpy() {
        assertThat(IndexNames.defaults().indexNames()).containsExactly("index", "index.html", "index.htm");
        assertThat(IndexNames.defaults().ignoredExtensions()).isEmpty();
    }

    @Test
    void firstExistingIndexNameWins() throws IOException {
        touch("index.htm");
        Path html = touch("index.html");
        assertThat(IndexNames.defaults().findIndex(dir)).contains(html);
        Path bare = touch("index");
        assertThat(IndexNames.defaults().findIndex(dir)).contains(bare);
    }

    @Test
    void noIndexMeansListing() throws IOException {
        touch("other.html");
        assertThat(IndexNames.defaults().findIndex(dir)).isEmpty();
    }

    @Test
    void customIndexNames() throws IOException {
        Path home = touch("home.xhtml");
        touch("index.html");
        assertThat(IndexNames.defaults().withIndexNames(List.of("home.xhtml")).findIndex(dir)).contains(home);
    }

    @Test
    void indexNamesMustBePlainNames() {
        assertThatThrownBy(() -> IndexNames.defaults().withIndexNames(List.of("../x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexNames.defaults().withIndexNames(List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexNames.defaults().withIgnoredExtensions(List.of("/x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ignoredExtensionFindsSibling() throws IOException {
        Path html = touch("foo.html");
        IndexNames names = IndexNames.defaults().withIgnoredExtensions(List.of(".html"));
        assertThat(names.findWithIgnoredExtension(dir.resolve("foo"))).contains(html);
        assertThat(names.findWithIgnoredExtension(dir.resolve("bar"))).isEmpty();
    }

    @Test
    void withoutIgnoredExtensionsNothingIsFound() throws IOException {
        touch("foo.html");
        assertThat(IndexNames.defaults().findWithIgnoredExtension(dir.resolve("foo"))).isEmpty();
    }

    @Test
    void ignoredExtensionsAreTriedInOrder() throws IOException {
        touch("foo.html");
        Path txt = touch("foo.txt");
        IndexNames names = IndexNames.defaults().withIgnoredExtensions(List.of(".txt", ".html"));
        assertThat(names.findWithIgnoredExtension(dir.resolve("foo"))).contains(txt);
    }

    @Test
    void wildcardFindsAnyExtensionFirstByName() throws IOException {
        touch("foo.zip");
        Path first = touch("foo.a");
        touch("foobar.a");
        IndexNames names = IndexNames.defaults().withIgnoredExtensions(List.of("*"));
        assertThat(names.findWithIgnoredExtension(dir.resolve("foo"))).contains(first);
        assertThat(names.findWithIgnoredExtension(dir.resolve("fo"))).isEqualTo(Optional.empty());
    }

    @Test
    void emptyExtensionFindsThePathItself() throws IOException {
        Path foo = touch("foo");
        IndexNames names = IndexNames.defaults().withIgnoredExtensions(List.of(""));
        assertThat(names.findWithIgnoredExtension(foo)).contains(foo);
    }
}
