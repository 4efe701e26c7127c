package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.web.files.DirectoryListing.Entry;

class DirectoryListingTest {

    private static final MimeTypes TYPES = MimeTypes.defaults();

    private static List<String> rows(String html) {
        return html.lines().filter(l -> l.startsWith("<tr class=")).toList();
    }

    @Test
    void directoriesComeFirstThenFilesEachSortedByName() {
        String html = DirectoryListing.render("/x/", List.of(new Entry("b.txt", false, 1), new Entry("zdir", true, 0),
                new Entry("a.txt", false, 2), new Entry("adir", true, 0)), TYPES);
        assertThat(rows(html)).hasSize(4);
        assertThat(rows(html).get(0)).contains(">adir/<");
        assertThat(rows(html).get(1)).contains(">zdir/<");
        assertThat(rows(html).get(2)).contains(">a.txt<");
        assertThat(rows(html).get(3)).contains(">b.txt<");
    }

    @Test
    void rowsShowLinkSizeTypeAndEncoding() {
        String html = DirectoryListing.render("/", List.of(new Entry("logs.tar.gz", false, 3 * 1024 * 1024 + 5),
                new Entry("sub", true, 4096)), TYPES);
        assertThat(rows(html)).containsExactly(
                "<tr class=\"odd directory\"><td><a href=\"sub/\">sub/</a></td><td></td><td>[Directory]</td><td></td></tr>",
                "<tr class=\"even\"><td><a href=\"logs.tar.gz\">logs.tar.gz</a></td><td>3M</td>"
                        + "<td>[application/x-tar]</td><td>[gzip]</td></tr>");
    }

    @Test
    void namesAreEscapedAndLinksEncoded() {
        String name = "<script>alert('x')</script> & \"q\".html";
        String html = DirectoryListing.render("/", List.of(new Entry(name, false, 1)), TYPES);
        assertThat(html).doesNotContain("<script>").doesNotContain("'x'");
        assertThat(rows(html).get(0)).contains(
                "href=\"%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E%20%26%20%22q%22.html\"",
                ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;.html<");
    }

    @Test
    void linksCannotBecomeOtherSchemes() {
        String html = DirectoryListing.render("/", List.of(new Entry("javascript:alert(1)", false, 1)), TYPES);
        assertThat(html).contains("href=\"javascript%3Aalert%281%29\"");
    }

    @Test
    void unicodeNamesAreUtf8PercentEncoded() {
        assertThat(DirectoryListing.encode("café ✓")).isEqualTo("caf%C3%A9%20%E2%9C%93");
        assertThat(DirectoryListing.encode("100%.txt")).isEqualTo("100%25.txt");
        assertThat(DirectoryListing.encode("a-b_c.d~e")).isEqualTo("a-b_c.d~e");
    }

    @Test
    void titleShowsTheEscapedPath() {
        String html = DirectoryListing.render("/a<b>/", List.of(), TYPES);
        assertThat(html).contains("<title>Directory listing for /a&lt;b&gt;/</title>")
                .contains("<h1>Directory listing for /a&lt;b&gt;/</h1>");
        assertThat(rows(html)).isEmpty();
    }

    @Test
    void sameInputGivesSamePage() {
        List<Entry> entries = List.of(new Entry("b", false, 1), new Entry("a", false, 1));
        assertThat(DirectoryListing.render("/", entries, TYPES))
                .isEqualTo(DirectoryListing.render("/", entries.reversed(), TYPES));
    }

    @Test
    void rowsAlternateOddAndEven() {
        String html = DirectoryListing.render("/", List.of(new Entry("a", false, 1), new Entry("b", false, 1),
                new Entry("c", false, 1)), TYPES);
        assertThat(rows(html)).extracting(r -> r.substring(0, 20))
                .containsExactly("<tr class=\"odd\"><td>", "<tr class=\"even\"><td", "<tr class=\"odd\"><td>");
    }

    @Test
    void sizesAreHumanReadableAsTwisted() {
        assertThat(DirectoryListing.formatSize(0)).isEqualTo("0B");
        assertThat(DirectoryListing.formatSize(1023)).isEqualTo("1023B");
        assertThat(DirectoryListing.formatSize(1024)).isEqualTo("1K");
        assertThat(DirectoryListing.formatSize(1024 * 1024 - 1)).isEqualTo("1023K");
        assertThat(DirectoryListing.formatSize(5L * 1024 * 1024)).isEqualTo("5M");
        assertThat(DirectoryListing.formatSize(3L * 1024 * 1024 * 1024 + 1)).isEqualTo("3G");
    }

    @Test
    void pageIsADeclaredUtf8Document() {
        String html = DirectoryListing.render("/", List.of(), TYPES);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n");
        assertThat(DirectoryListing.CONTENT_TYPE).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void readsEntriesFromTheFileSystem(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("f.bin"), new byte[2048]);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThat(DirectoryListing.read(dir)).containsExactlyInAnyOrder(
                new Entry("sub", true, Files.size(dir.resolve("sub"))), new Entry("f.bin", false, 2048));
    }
}
